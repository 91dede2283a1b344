/**
 * `#/class/<CODE>`: a student's class page — the class lobby, then their table (the shared table screen)
 * under a strip with their class standing; reload-safe through the student key this tab keeps.
 * @module
 */
import { h, redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { mountTableScreen } from '../game/tableScreen.ts';
import { normalizeCode } from '../net/join.ts';
import type { ClassSnapshot } from './classSnapshot.ts';
import { StudentCtrl } from './studentCtrl.ts';
import { classStripView, closedView, lobbyView, nicknameView } from './studentView.ts';
import './class.css';

export const studentClassRoute: Route = {
  path: '/class/:code',
  title: ({ params }) => `Class ${normalizeCode(params.code ?? '')}`,
  mount(root, ctx) {
    const code = normalizeCode(ctx.params.code ?? '');
    const page = h('div', { class: 'class-student' });
    const strip = h('div', { class: 'class-strip-host' });
    const body = h('div', { class: 'class-body' });
    const tableHost = h('div', { class: 'class-table-host' });
    let unmountTable: (() => void) | null = null;
    const ctrl: StudentCtrl = new StudentCtrl(code, (tableChanged) => draw(tableChanged));
    page.append(strip, body, tableHost);
    root.append(page, ctrl.announcer.polite, ctrl.announcer.urgent);

    function draw(tableChanged: boolean): void {
      const snapshot = ctrl.snapshot;
      const stage = ctrl.stage;
      if (tableChanged || (!ctrl.table && unmountTable)) {
        unmountTable?.();
        unmountTable = null;
        tableHost.replaceChildren();
        if (ctrl.table) {
          unmountTable = mountTableScreen(tableHost, ctrl.table.session, {
            exitHref: '#/',
            exitLabel: 'Leave the class',
          });
        }
      }
      const atTable = ctrl.table !== null && stage.kind === 'class';
      page.dataset.stage = atTable ? 'table' : stage.kind === 'class' ? 'lobby' : stage.kind;
      redraw(strip, atTable && snapshot ? classStripView(ctrl, snapshot) : null);
      redraw(body, atTable ? null : stageView(snapshot));
    }

    function stageView(snapshot: ClassSnapshot | null): HTMLElement | null {
      const stage = ctrl.stage;
      switch (stage.kind) {
        case 'connecting':
          return h(
            'main',
            { class: 'page narrow' },
            h('h1', { tabindex: -1 }, `Class ${code}`),
            h('p', { role: 'status' }, 'Joining the class…'),
          );
        case 'nickname':
          return nicknameView(ctrl, stage.error);
        case 'closed':
          return closedView(ctrl, stage.code, stage.reason);
        case 'class':
          return snapshot ? lobbyView(ctrl, snapshot) : null;
      }
    }

    draw(false);
    void ctrl.start();
    return () => {
      unmountTable?.();
      ctrl.destroy();
    };
  },
};
