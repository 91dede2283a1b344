/** The round's log as a real list, newest last, labelled for screen readers. @module */
import type { TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';

export function logView(view: TableView | null, title = 'What happened'): HTMLElement {
  const entries = view?.log ?? [];
  return h(
    'section',
    { class: 'panel log', 'aria-labelledby': 'log-title' },
    h('h2', { id: 'log-title' }, title),
    entries.length === 0
      ? h('p', { class: 'muted' }, 'Nothing yet.')
      : h(
          'ol',
          { class: 'log-list', tabindex: 0, 'aria-label': `${title}, ${entries.length} entries` },
          entries.map((e) => h('li', {}, h('span', { class: 'actor' }, `${e.actor}: `), e.text)),
        ),
  );
}
