/**
 * `#/table/<CODE>`: a shared table. Uses the session the start page opened; after a reload, comes back to
 * the same seat; otherwise asks for a nickname and joins by the code in the address.
 * @module
 */
import { NICKNAME_MAX_LENGTH } from '@handshake/shared';
import { h, redraw } from '../app/dom.ts';
import type { Route } from '../app/router.ts';
import { savedNickname, saveNickname } from '../home/nickname.ts';
import { forgetReconnection, takeSession } from '../net/heldSessions.ts';
import { joinByCode, normalizeCode, rejoinTable } from '../net/join.ts';
import type { TableSession } from '../table/session.ts';
import { mountTableScreen } from './tableScreen.ts';

export const tableRoute: Route = {
  path: '/table/:code',
  title: ({ params }) => `Table ${normalizeCode(params.code ?? '')}`,
  mount(root, ctx) {
    const code = normalizeCode(ctx.params.code ?? '');
    let unmountScreen: (() => void) | null = null;
    let session: TableSession | null = null;
    let gone = false;
    const container = h('div');
    root.append(container);

    const play = (opened: TableSession) => {
      if (gone) return opened.leave();
      session = opened;
      container.replaceChildren();
      unmountScreen = mountTableScreen(container, opened);
    };

    const askNickname = (error: string | null) => {
      const input = h('input', {
        id: 'table-nickname',
        maxlength: NICKNAME_MAX_LENGTH,
        autocomplete: 'nickname',
        value: savedNickname(),
        'data-focus': 'nickname',
      });
      const form = h(
        'form',
        { class: 'card' },
        h('label', { for: 'table-nickname' }, 'Your nickname'),
        input,
        h('button', { type: 'submit', class: 'primary', 'data-focus': 'join' }, `Join table ${code}`),
        error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        saveNickname(input.value);
        const result = await joinByCode(code, input.value);
        if (!result.ok) return askNickname(result.error.message);
        const opened = takeSession(result.code);
        if (opened) play(opened);
        else ctx.navigate(result.path);
      });
      redraw(
        container,
        h(
          'main',
          { class: 'page narrow' },
          h('h1', { tabindex: -1 }, `Join table ${code}`),
          form,
          h('p', {}, h('a', { href: '#/' }, 'Back to the start page')),
        ),
      );
      input.focus();
    };

    const held = takeSession(code);
    if (held) play(held);
    else {
      redraw(
        container,
        h(
          'main',
          { class: 'page narrow' },
          h('h1', { tabindex: -1 }, `Table ${code}`),
          h('p', { role: 'status' }, 'Connecting to the table…'),
        ),
      );
      void rejoinTable(code).then((rejoined) => {
        if (rejoined) play(rejoined);
        else if (!gone) askNickname(null);
      });
    }

    return () => {
      gone = true;
      unmountScreen?.();
      if (session) {
        session.leave();
        forgetReconnection(code);
      }
    };
  },
};
