/** The eavesdropper's hand on the wire: every held envelope is forwarded, dropped, changed or replaced. @module */

import * as v from 'valibot';
import { deliver, heldEnvelopes, log, send } from '../context.ts';
import { envelopeLabel } from '../envelopes.ts';
import type { Envelope, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { abortConnection } from '../world/roundEnd.ts';
import { lastHttpAnswer, loginPage } from './connection.ts';
import { EnvelopeId, moveSchema } from './fields.ts';
import type { Move } from './index.ts';
import { defineMove, ready } from './spec.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

/** A recorded encrypted envelope that can be sent again in place of `held`: one that went to either of its parties. */
function replayable(copy: Envelope, held: Envelope): boolean {
  return (
    copy.channel === 'wire' &&
    copy.layer === 'tls' &&
    copy.status === 'delivered' &&
    copy.locks.some(Boolean) &&
    (copy.to === held.from || copy.to === held.to)
  );
}

function held(state: TableState, id: number): Result<Envelope> {
  const envelope = state.envelopes[id];
  if (!envelope) return err('UNKNOWN_ENVELOPE', `There is no envelope number ${id}.`);
  if (envelope.status !== 'held') return err('UNKNOWN_ENVELOPE', `Envelope ${id} is not in your hands any more.`);
  return ok(envelope);
}

function forwardEnvelopeApply(state: TableState, _role: Role, move: M<'forwardEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  deliver(state, h.value);
  return ok(undefined);
}

function dropEnvelopeApply(state: TableState, _role: Role, move: M<'dropEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  h.value.status = 'dropped';
  log(state, 'engine', `${envelopeLabel(h.value)} never arrived.`);
  abortConnection(state, `${envelopeLabel(h.value)} was lost on the way and the connection timed out.`, null);
  return ok(undefined);
}

/** Flips one byte (default: the middle of the last record) — the eavesdropper cannot recompute a tag. */
function tamperEnvelopeApply(state: TableState, _role: Role, move: M<'tamperEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  const envelope = h.value;
  if (envelope.layer !== 'tls')
    return err('ILLEGAL_CHOICE', 'Flip a byte in a TLS record: plain http has nothing to break.');
  const last = envelope.records.length - 1;
  const record = envelope.records[last]!;
  const index = move.byteIndex ?? Math.floor(record.length / 2) + (record.length > 5 ? 2 : 0);
  if (index >= record.length) return err('ILLEGAL_CHOICE', `That record has only ${record.length} bytes.`);
  const changed = record.slice();
  changed[index] = changed[index]! ^ 0x01;
  envelope.records[last] = changed;
  envelope.interference = 'tampered';
  log(state, 'eavesdropper', `The eavesdropper flipped byte ${index} of ${envelopeLabel(envelope)}.`, ['eavesdropper']);
  deliver(state, envelope);
  return ok(undefined);
}

/** Sends an exact copy of an earlier envelope again, ahead of the held one. */
function replayEnvelopeApply(state: TableState, _role: Role, move: M<'replayEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  const original = state.envelopes[move.copyOf];
  if (!original || !replayable(original, h.value))
    return err('UNKNOWN_ENVELOPE', 'You can replay an encrypted envelope that already went through between these two.');
  send(state, {
    channel: 'wire',
    conn: original.conn,
    from: original.from,
    to: original.to,
    sentBy: 'eavesdropper',
    kind: original.kind,
    about: original.about,
    layer: original.layer,
    records: original.records.map((r) => r.slice()),
    locks: [...original.locks],
    interference: 'replayed',
  });
  log(state, 'eavesdropper', `The eavesdropper sent envelope ${original.id} again.`, ['eavesdropper']);
  return ok(undefined);
}

function stripRedirectApply(state: TableState, _role: Role, move: M<'stripRedirect'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  if (h.value.kind !== 'http-redirect') return err('ILLEGAL_CHOICE', 'Only an http redirect to https can be stripped.');
  h.value.status = 'dropped';
  h.value.interference = 'stripped';
  const site = state.scenario.world.siteName;
  // The eavesdropper fetches the page over https itself and hands it on in plain http.
  const forged = send(state, {
    channel: 'wire',
    conn: null,
    from: 'server',
    to: 'client',
    sentBy: 'eavesdropper',
    kind: 'http-page',
    layer: 'http',
    records: [loginPage(site)],
    locks: [null],
    interference: 'forged',
  });
  log(state, 'eavesdropper', 'The eavesdropper swallowed the redirect and served the page over plain http itself.', [
    'eavesdropper',
  ]);
  if (lastHttpAnswer(state) !== forged) return err('ILLEGAL_CHOICE', 'The page could not be replaced.');
  return ok(undefined);
}

export const ForwardEnvelopeMove = moveSchema('forwardEnvelope', { envelopeId: EnvelopeId });
export const DropEnvelopeMove = moveSchema('dropEnvelope', { envelopeId: EnvelopeId });
export const TamperEnvelopeMove = moveSchema('tamperEnvelope', {
  envelopeId: EnvelopeId,
  byteIndex: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
});
export const ReplayEnvelopeMove = moveSchema('replayEnvelope', { envelopeId: EnvelopeId, copyOf: EnvelopeId });
export const StripRedirectMove = moveSchema('stripRedirect', { envelopeId: EnvelopeId });

// ── The moves ──────────────────────────────────────────────────────────────

const onWire = { intercept: ['eavesdropper'] } as const;

export const forwardEnvelope = defineMove({
  schema: ForwardEnvelopeMove,
  turns: onWire,
  words: 'forward an envelope',
  concept:
    'On the wire you get every envelope first. Without the session keys you cannot open the encrypted ones; passing them on keeps you unnoticed.',
  options: (state) =>
    heldEnvelopes(state).map((e) =>
      ready(
        { type: 'forwardEnvelope', envelopeId: e.id },
        `Pass on #${e.id} ${envelopeLabel(e)}`,
        'Let it through unchanged (you keep a copy).',
      ),
    ),
  apply: forwardEnvelopeApply,
  bot(state) {
    const envelope = heldEnvelopes(state)[0];
    return envelope ? { type: 'forwardEnvelope', envelopeId: envelope.id } : null;
  },
  botRank: 1,
});

export const dropEnvelope = defineMove({
  schema: DropEnvelopeMove,
  turns: onWire,
  words: 'drop an envelope',
  concept: 'Dropping an envelope stalls the connection, but it reveals nothing.',
  options: (state) =>
    heldEnvelopes(state).map((e) =>
      ready({ type: 'dropEnvelope', envelopeId: e.id }, `Drop #${e.id}`, 'It never arrives: the connection stalls.'),
    ),
  apply: dropEnvelopeApply,
});

export const tamperEnvelope = defineMove({
  schema: TamperEnvelopeMove,
  turns: onWire,
  words: 'tamper with an envelope',
  concept:
    'AEAD encryption protects integrity as well as secrecy: you can change bytes without the keys, but not the tag that checks them.',
  options: (state) =>
    heldEnvelopes(state)
      .filter((e) => e.layer === 'tls')
      .map((e) =>
        ready(
          { type: 'tamperEnvelope', envelopeId: e.id },
          `Flip a byte in #${e.id}`,
          'Change the bytes without the keys.',
        ),
      ),
  apply: tamperEnvelopeApply,
  bot(state) {
    const envelope = heldEnvelopes(state)[0];
    return state.scenario.attack === 'tamper' && envelope?.kind === 'login'
      ? { type: 'tamperEnvelope', envelopeId: envelope.id }
      : null;
  },
});

export const replayEnvelope = defineMove({
  schema: ReplayEnvelopeMove,
  turns: onWire,
  words: 'replay an envelope',
  concept:
    'Every TLS record is sealed with its sequence number: a copy only opens in its original place on the connection.',
  options: (state) =>
    heldEnvelopes(state).flatMap((h) =>
      state.envelopes
        .filter((c) => replayable(c, h))
        .map((c) =>
          ready(
            { type: 'replayEnvelope', envelopeId: h.id, copyOf: c.id },
            `Send #${c.id} again`,
            'Replay a recorded encrypted envelope.',
          ),
        ),
    ),
  apply: replayEnvelopeApply,
  bot(state) {
    const envelope = heldEnvelopes(state)[0];
    if (state.scenario.attack !== 'replay' || envelope?.kind !== 'reply') return null;
    const request = state.envelopes.find((e) => e.kind === 'login' && e.status === 'delivered');
    return request ? { type: 'replayEnvelope', envelopeId: envelope.id, copyOf: request.id } : null;
  },
});

export const stripRedirect = defineMove({
  schema: StripRedirectMove,
  turns: onWire,
  words: 'strip the https redirect',
  concept:
    'On a first visit over plain http, whoever sits on the wire can keep the browser on http — unless HSTS tells the browser to refuse it.',
  options: (state) =>
    heldEnvelopes(state)
      .filter((e) => e.kind === 'http-redirect')
      .map((e) =>
        ready(
          { type: 'stripRedirect', envelopeId: e.id },
          'Swallow the redirect, keep them on http',
          'Serve the page yourself over plain http.',
        ),
      ),
  apply: stripRedirectApply,
  bot(state) {
    const envelope = heldEnvelopes(state)[0];
    return state.scenario.attack === 'strip-https' && envelope?.kind === 'http-redirect'
      ? { type: 'stripRedirect', envelopeId: envelope.id }
      : null;
  },
});

export const ResetConnectionMove = moveSchema('resetConnection', { envelopeId: EnvelopeId });

/** Swallows the held envelope and closes the connection with a forged TCP reset: nothing in TCP says who sent it. */
function resetConnectionApply(state: TableState, _role: Role, move: M<'resetConnection'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  h.value.status = 'dropped';
  log(state, 'eavesdropper', `The eavesdropper swallowed #${h.value.id} and sent both sides a forged TCP reset.`, [
    'eavesdropper',
  ]);
  abortConnection(state, 'a TCP reset (RST) arrived, forged on the wire: TCP segments carry no authentication.', null);
  return ok(undefined);
}

export const resetConnection = defineMove({
  schema: ResetConnectionMove,
  turns: onWire,
  words: 'forge a TCP reset',
  concept:
    'TLS protects what is said, not that the conversation happens: TCP segments carry no authentication, so anyone on the path can forge a reset (RST) and close the connection.',
  options: (state) =>
    heldEnvelopes(state)
      .filter((e) => e.layer === 'tls')
      .map((e) =>
        ready(
          { type: 'resetConnection', envelopeId: e.id },
          `Forge a TCP reset instead of #${e.id}`,
          'Close the connection with a RST that nobody can check.',
        ),
      ),
  apply: resetConnectionApply,
  bot(state) {
    const envelope = heldEnvelopes(state)[0];
    return state.scenario.attack === 'tcp-reset' && envelope?.kind === 'login'
      ? { type: 'resetConnection', envelopeId: envelope.id }
      : null;
  },
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [
  ForwardEnvelopeMove,
  DropEnvelopeMove,
  TamperEnvelopeMove,
  ReplayEnvelopeMove,
  StripRedirectMove,
  ResetConnectionMove,
] as const;
export const SPECS = [
  forwardEnvelope,
  dropEnvelope,
  tamperEnvelope,
  replayEnvelope,
  stripRedirect,
  resetConnection,
] as const;
