/**
 * The same things the board draws, as HTML: the pocket's items and the envelopes this player has seen,
 * each a button that opens the inspector (the keyboard and screen-reader way to the board's contents).
 * @module
 */
import type { TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { itemIcon, itemShape } from '../art/icons.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import type { InspectRef } from '../inspector/ctrl.ts';

export function pocketView(view: TableView, inspect: (ref: InspectRef) => void): HTMLElement {
  return h(
    'section',
    { class: 'panel pocket', 'aria-labelledby': 'pocket-title' },
    h('h2', { id: 'pocket-title' }, 'Your pocket'),
    view.pocket.length === 0
      ? h('p', { class: 'muted' }, 'You hold nothing.')
      : h(
          'ul',
          { class: 'item-list' },
          view.pocket.map((item) => {
            const icon = h('span', { class: 'item-icon' });
            icon.innerHTML = itemIcon(itemShape(item.kind), 24);
            return h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'item',
                  'data-focus': `item:${item.id}`,
                  onclick: () => inspect({ kind: 'item', id: item.id }),
                },
                icon,
                h('span', {}, item.label),
                item.secret ? h('span', { class: 'tag' }, 'secret') : null,
              ),
            );
          }),
        ),
  );
}

export function envelopesView(view: TableView, inspect: (ref: InspectRef) => void): HTMLElement {
  const seen = [...view.envelopes].reverse();
  return h(
    'section',
    { class: 'panel envelopes', 'aria-labelledby': 'envelopes-title' },
    h('h2', { id: 'envelopes-title' }, 'Envelopes you have seen'),
    seen.length === 0
      ? h('p', { class: 'muted' }, 'None yet.')
      : h(
          'ul',
          { class: 'item-list' },
          seen.map((e) => {
            const sealed = e.records.some((r) => r.lock);
            return h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'item',
                  'data-focus': `envelope:${e.id}`,
                  onclick: () => inspect({ kind: 'envelope', id: e.id }),
                },
                h('span', { class: `env-badge ${sealed ? 'sealed' : 'open'}` }, sealed ? 'sealed' : 'open'),
                h('span', {}, `#${e.id} ${e.label}`),
                h(
                  'span',
                  { class: 'muted small' },
                  ` ${ROLE_TITLE[e.from].station} → ${ROLE_TITLE[e.to].station}, ${e.status}`,
                ),
              ),
            );
          }),
        ),
    view.requests.length
      ? h(
          'ul',
          { class: 'item-list', 'aria-label': 'Certificate requests' },
          view.requests.map((q) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'item',
                  'data-focus': `request:${q.id}`,
                  onclick: () => inspect({ kind: 'request', id: q.id }),
                },
                h('span', {}, `${q.id}: ${q.domain}`),
                h('span', { class: 'muted small' }, ` ${q.status}`),
              ),
            ),
          ),
        )
      : null,
  );
}
