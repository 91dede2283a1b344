/** The inspector: an envelope's outside and bytes, a key's bytes, or a certificate's fields and signature checks. @module */
import type { TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';
import { itemIcon, itemShape } from '../art/icons.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import { readCertificate } from './certificate.ts';
import { type RequestReading, readCertificateRequest } from './certificateRequest.ts';
import { allItems, findItem, type InspectorCtrl } from './ctrl.ts';
import { hexListing } from './hex.ts';

export function inspectorView(ctrl: InspectorCtrl, view: TableView, close: () => void): HTMLElement | null {
  const ref = ctrl.open;
  if (!ref) return null;
  let title = '';
  let body: (HTMLElement | null)[] = [];
  if (ref.kind === 'envelope') {
    const envelope = view.envelopes.find((e) => e.id === ref.id);
    if (!envelope) return null;
    title = `Envelope #${envelope.id}: ${envelope.label}`;
    const sealed = envelope.records.some((r) => r.lock);
    body = [
      h(
        'dl',
        { class: 'facts' },
        fact('From', ROLE_TITLE[envelope.from].station),
        fact('To', ROLE_TITLE[envelope.to].station),
        fact('Travels on', envelope.channel === 'wire' ? 'the open wire (the eavesdropper sees it)' : 'the CA’s desk'),
        fact('Layer', envelope.layer.toUpperCase()),
        fact('Status', envelope.status),
        fact(
          'Outside',
          sealed
            ? `Sealed: ${[...new Set(envelope.records.map((r) => r.lock ?? 'in the clear'))].join(', ')}`
            : 'Open: anyone on the wire can read it',
        ),
        envelope.interference ? fact('Interference', `${envelope.interference} by the eavesdropper`) : null,
      ),
      ...envelope.records.map((record, i) =>
        h(
          'section',
          { class: 'record' },
          h(
            'h3',
            {},
            envelope.records.length > 1 ? `Record ${i + 1}` : 'Contents',
            record.lock ? ` — locked with ${record.lock}` : ' — in the clear',
          ),
          record.opened
            ? h(
                'p',
                { class: 'opened' },
                'You can open it',
                record.opened.text
                  ? `: “${record.opened.text}”`
                  : record.opened.message
                    ? `: ${record.opened.message} (fields below).`
                    : ' (binary contents).',
              )
            : record.lock
              ? h('p', { class: 'muted' }, 'You cannot open it: you do not hold the key it is locked with.')
              : null,
          hexListing(
            record.hex,
            envelope.fields.filter((f) => f.record === i),
            record.lock ? 'Ciphertext' : envelope.records.length > 1 ? `Record ${i + 1}` : envelope.label,
          ),
          // What the viewer's key opened: the plaintext bytes beside the ciphertext they came from.
          record.lock && record.opened
            ? hexListing(record.opened.hex, record.opened.fields, 'Plaintext (opened with your key)')
            : null,
          certificateFields(envelope.fields.filter((f) => f.record === i && f.length === 0)),
          envelope.kind === 'certificate-request' ? requestFields(readCertificateRequest(record.hex)) : null,
        ),
      ),
    ];
  } else if (ref.kind === 'item') {
    const items = allItems(view);
    const item = findItem(view, ref.id, ref.owner);
    if (!item) return null;
    title = ref.owner && view.debrief ? `${item.label} (the ${ROLE_TITLE[ref.owner].name}’s)` : item.label;
    const icon = h('span', { class: 'inspector-icon' });
    icon.innerHTML = itemIcon(itemShape(item.kind), 48);
    const isCertificate = item.kind === 'certificate' || item.kind === 'root-certificate';
    const reading = isCertificate ? readCertificate(item.hex, items) : null;
    const validation = view.validation && view.validation.certificateId === item.id ? view.validation : null;
    body = [
      h(
        'div',
        { class: 'item-head' },
        icon,
        h(
          'dl',
          { class: 'facts' },
          fact('Kind', item.kind.replaceAll('-', ' ')),
          fact('Secret', item.secret ? 'Yes — only its holder has these bytes' : 'No — it is fine for others to see'),
        ),
      ),
      reading
        ? h(
            'section',
            {},
            decodedFields('Certificate fields', reading),
            h('h3', {}, 'Signature check'),
            reading.signatureChecks.length
              ? h(
                  'ul',
                  { class: 'checks' },
                  reading.signatureChecks.map((c) =>
                    h(
                      'li',
                      { class: c.ok ? 'ok' : 'bad' },
                      c.ok ? '✔ Valid signature by ' : '✘ Signature does not match ',
                      c.against,
                    ),
                  ),
                )
              : h(
                  'p',
                  { class: 'muted' },
                  'You hold no certificate of its issuer, so you cannot check its signature here.',
                ),
          )
        : null,
      validation
        ? h(
            'section',
            {},
            h('h3', {}, `Your browser’s checks (expected ${validation.expectedName})`),
            h(
              'ul',
              { class: 'checks' },
              validation.checks.map((c) => h('li', { class: c.ok ? 'ok' : 'bad' }, c.ok ? '✔ ' : '✘ ', c.message)),
            ),
          )
        : null,
      hexListing(item.hex, [], 'Bytes'),
    ];
  } else {
    const request = view.requests.find((q) => q.id === ref.id);
    if (!request) return null;
    title = `Certificate request ${request.id} for ${request.domain}`;
    const reading = readCertificateRequest(request.requestHex);
    body = [
      h(
        'dl',
        { class: 'facts' },
        fact('Asked by', ROLE_TITLE[request.requester].station),
        fact('Domain', request.domain),
        fact('Status', request.status),
        request.challengeToken ? fact('Challenge token', request.challengeToken) : null,
        request.published !== null ? fact('Published at the domain', request.published || '(nothing)') : null,
        request.refusal ? fact('Refused because', request.refusal) : null,
      ),
      requestFields(reading),
      hexListing(request.requestHex, [], 'The request (PKCS #10, DER)'),
    ];
  }
  return h(
    'section',
    {
      class: 'inspector',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'inspector-title',
      onkeydown: (event: Event) => {
        if ((event as KeyboardEvent).key === 'Escape') close();
      },
    },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'inspector-title', tabindex: -1 }, title),
      h('button', { type: 'button', class: 'quiet', 'data-focus': 'inspector-close', onclick: close }, 'Close ✕'),
    ),
    h('div', { class: 'inspector-body' }, body),
  );
}

/** DER decoded as labelled fields (a certificate's or a request's), or why it could not be. */
function decodedFields(title: string, reading: { fields: { label: string; value: string }[]; error: string | null }) {
  return [
    h('h3', {}, title),
    reading.error ? h('p', { class: 'error' }, reading.error) : null,
    h(
      'dl',
      { class: 'facts cert' },
      reading.fields.map((f) => fact(f.label, f.value)),
    ),
  ];
}

/** A certificate request's fields and its proof of possession (the signature by the key it carries). */
function requestFields(reading: RequestReading): HTMLElement {
  return h(
    'section',
    {},
    decodedFields('Request fields', reading),
    reading.selfSigned === null
      ? null
      : h(
          'ul',
          { class: 'checks' },
          h(
            'li',
            { class: reading.selfSigned ? 'ok' : 'bad' },
            reading.selfSigned
              ? '✔ Signed by the key it carries: the requester holds that private key'
              : '✘ Not signed by the key it carries',
          ),
        ),
  );
}

function fact(label: string, value: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function certificateFields(fields: { name: string; description: string }[]): HTMLElement | null {
  if (fields.length === 0) return null;
  return h(
    'section',
    {},
    h('h3', {}, 'Certificate fields'),
    h(
      'dl',
      { class: 'facts cert' },
      fields.map((f) => fact(f.name, f.description)),
    ),
  );
}
