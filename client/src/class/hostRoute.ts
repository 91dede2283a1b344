/** `#/host`: the teacher's dashboard for a class session, and their past sessions. @module */
import { h, redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { HostCtrl } from './hostCtrl.ts';
import { hostView } from './hostView.ts';
import './class.css';

export const hostRoute: Route = {
  path: '/host',
  title: 'Host a class',
  mount(root, ctx) {
    const container = h('div');
    const ctrl: HostCtrl = new HostCtrl(() => redraw(container, hostView(ctrl)), ctx.navigate);
    root.append(container, ctrl.announcer.polite, ctrl.announcer.urgent);
    redraw(container, hostView(ctrl));
    void ctrl.start();
    return () => ctrl.destroy();
  },
};
