/**
 * `#/projector/<CODE>?key=<projector key>`: the view for the classroom screen, opened from the host page's
 * link or QR code on any screen. It connects with the projector key its link carries (or, without one, the
 * host key of the browser that created the class), sends nothing but watches, and redraws on every change.
 * @module
 */
import { h, redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { normalizeCode } from '../net/join.ts';
import { connectAsHost, connectAsProjector } from './classApi.ts';
import { ClassConnection } from './classConnection.ts';
import { projectorView } from './projectorView.ts';
import './class.css';

export const projectorRoute: Route = {
  path: '/projector/:code',
  title: ({ params }) => `Projector · class ${normalizeCode(params.code ?? '')}`,
  mount(root, _ctx) {
    const code = normalizeCode(_ctx.params.code ?? '');
    const container = h('div', { class: 'projector-host' });
    const live = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    root.append(container, live);
    let connection: ClassConnection | null = null;
    let gone = false;
    let leader = '';

    redraw(
      container,
      h(
        'main',
        { class: 'page narrow' },
        h('h1', { tabindex: -1 }, `Class ${code}`),
        h('p', { role: 'status' }, 'Connecting…'),
      ),
    );
    const key = _ctx.query.get('key');
    void (key ? connectAsProjector(code, key) : connectAsHost(code)).then((answer) => {
      if (gone) {
        if (answer.ok) void answer.value.room.leave(true);
        return;
      }
      if (!answer.ok) {
        redraw(
          container,
          h(
            'main',
            { class: 'page narrow' },
            h('h1', { tabindex: -1 }, `Class ${code}`),
            h('p', { class: 'error', role: 'alert' }, answer.error.message),
            h('p', {}, 'Open the projector link (or scan its QR code) from the host page again.'),
            h('p', {}, h('a', { href: '#/host' }, 'Go to the host page')),
          ),
        );
        return;
      }
      const opened = new ClassConnection(answer.value.room);
      connection = opened;
      const draw = () => {
        const snapshot = opened.snapshot;
        redraw(container, projectorView(snapshot, opened.closed?.reason ?? null));
        const top = snapshot.leaderboard[0];
        const now = top && top.total > 0 ? `${top.nickname} leads with ${top.total} points.` : '';
        if (now && now !== leader) live.textContent = now;
        leader = now;
      };
      opened.onChange(draw);
      draw();
    });
    return () => {
      gone = true;
      connection?.leave();
    };
  },
};
