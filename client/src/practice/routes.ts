/** The practice pages for the app's router: the campaign, and a practice table at `#/practice/<scenario>/<role>[/<mode>]`. @module */
import { h, redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { mountTableScreen } from '../game/tableScreen.ts';
import { savedNickname } from '../home/nickname.ts';
import { campaignView } from './campaignView.ts';
import { PracticeTableCtrl, parsePracticeTarget } from './practiceTableCtrl.ts';
import { loadProgress, resetProgress } from './progress.ts';
import { toolbarView } from './toolbarView.ts';
import './practice.css';

export const campaignRoute: Route = {
  path: '/practice',
  title: 'Practise against bots',
  mount(root) {
    const container = h('div');
    root.append(container);
    const actions = {
      confirmingReset: false,
      askReset: () => draw({ confirmingReset: true }),
      cancelReset: () => draw({ confirmingReset: false }),
      reset: () => {
        resetProgress(localStorage);
        draw({ confirmingReset: false });
      },
    };
    const draw = (change: { confirmingReset: boolean }) => {
      actions.confirmingReset = change.confirmingReset;
      redraw(container, campaignView(loadProgress(localStorage), actions));
    };
    draw({ confirmingReset: false });
    return () => {};
  },
};

export const practiceTableRoute: Route = {
  path: '/practice/*',
  title: ({ params }) => {
    const target = parsePracticeTarget(params['*'] ?? '');
    return 'error' in target ? 'Practice' : `Practice: ${target.scenario.title}`;
  },
  mount(root, { params }) {
    const target = parsePracticeTarget(params['*'] ?? '');
    if ('error' in target) {
      root.append(
        h(
          'main',
          { class: 'page narrow' },
          h('h1', { tabindex: -1 }, 'No such practice table'),
          h('p', { role: 'alert' }, target.error),
          h('p', {}, h('a', { href: '#/practice' }, 'Choose a scenario')),
        ),
      );
      return () => {};
    }
    const ctrl = new PracticeTableCtrl(target, localStorage, { nickname: savedNickname() || 'Player' });
    const toolbar = h('div', { class: 'practice-toolbar-slot' });
    const table = h('div', { class: 'practice-table' });
    root.append(h('div', { class: 'practice-page' }, toolbar, table));
    const drawToolbar = () => redraw(toolbar, toolbarView(ctrl));
    const offUpdate = ctrl.onUpdate(drawToolbar);
    drawToolbar();
    const unmountTable = mountTableScreen(table, ctrl.session, {
      exitHref: '#/practice',
      exitLabel: '← All scenarios',
    });
    ctrl.session.start();
    return () => {
      offUpdate();
      unmountTable();
      ctrl.close();
    };
  },
};
