/** `#/`: the start page. A link `/?code=ABC123` (or `#/?code=ABC123`) fills in the code. @module */
import { redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { HomeCtrl } from './ctrl.ts';
import { homeView } from './view.ts';

export const homeRoute: Route = {
  path: '/',
  title: 'Join or start a game',
  mount(root, ctx) {
    const code = ctx.query.get('code') ?? new URLSearchParams(window.location.search).get('code') ?? '';
    const container = document.createElement('div');
    root.append(container);
    const ctrl = new HomeCtrl(code, ctx.navigate, () => redraw(container, homeView(ctrl)));
    redraw(container, homeView(ctrl));
    return () => {};
  },
};
