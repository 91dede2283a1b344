/**
 * Bytes as a hex listing with each labelled field marked: numbered spans over the bytes and a legend
 * (number, name, offset, length, meaning), the way a byte-by-byte TLS walk-through reads.
 * @module
 */
import { h } from '../app/dom.ts';

export interface ByteField {
  name: string;
  offset: number;
  length: number;
  description: string;
}

/** At most this many bytes are drawn per record; the rest is summarised (certificates run to hundreds). */
const MAX_BYTES = 512;

export function hexListing(hex: string, fields: ByteField[], caption: string): HTMLElement {
  const bytes = hex.match(/../g) ?? [];
  const shown = bytes.slice(0, MAX_BYTES);
  const spans = fields.filter((f) => f.length > 0).sort((a, b) => a.offset - b.offset);
  const fieldAt = (i: number) => spans.findIndex((f) => i >= f.offset && i < f.offset + f.length);
  const cells: HTMLElement[] = [];
  let i = 0;
  while (i < shown.length) {
    const index = fieldAt(i);
    const field = spans[index];
    const end = field ? Math.min(field.offset + field.length, shown.length) : nextStart(spans, i, shown.length);
    cells.push(
      h(
        'span',
        {
          class: field ? `hex-field f${index % 6}` : 'hex-plain',
          title: field ? `${index + 1}. ${field.name}` : undefined,
        },
        field ? h('sup', { 'aria-hidden': 'true' }, String(index + 1)) : null,
        shown.slice(i, end).join(' '),
      ),
    );
    i = end;
  }
  return h(
    'figure',
    { class: 'hex' },
    h('figcaption', {}, caption, ` — ${bytes.length} bytes`),
    h('pre', { class: 'hex-bytes', tabindex: 0, 'aria-label': `${caption}, bytes in hex` }, cells),
    bytes.length > MAX_BYTES ? h('p', { class: 'muted small' }, `Showing the first ${MAX_BYTES} bytes.`) : null,
    spans.length
      ? h(
          'table',
          { class: 'fields' },
          h('caption', { class: 'sr-only' }, `Fields of ${caption}`),
          h(
            'colgroup',
            {},
            h('col', { class: 'number' }),
            h('col', { class: 'field-name' }),
            h('col', { class: 'narrow' }),
            h('col', { class: 'narrow' }),
            h('col', {}),
          ),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['#', 'Field', 'Offset', 'Length', 'Meaning'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            spans.map((f, n) =>
              h(
                'tr',
                {},
                h('td', {}, h('span', { class: `swatch f${n % 6}` }, String(n + 1))),
                h('th', { scope: 'row' }, f.name),
                h('td', {}, String(f.offset)),
                h('td', {}, String(f.length)),
                h('td', {}, f.description),
              ),
            ),
          ),
        )
      : null,
  );
}

function nextStart(spans: ByteField[], from: number, limit: number): number {
  const next = spans.find((f) => f.offset > from);
  return next ? Math.min(next.offset, limit) : limit;
}
