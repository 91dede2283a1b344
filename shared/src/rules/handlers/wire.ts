/** The eavesdropper's hand on the wire: every held envelope is forwarded, dropped, changed or replaced. @module */
import { deliver, log, send } from '../context.ts';
import { envelopeLabel } from '../envelopes.ts';
import type { Move } from '../moves.ts';
import type { Envelope, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { lastHttpAnswer, loginPage } from './connection.ts';
import { abortConnection } from './roundEnd.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

function held(state: TableState, id: number): Result<Envelope> {
  const envelope = state.envelopes[id];
  if (!envelope) return err('UNKNOWN_ENVELOPE', `There is no envelope number ${id}.`);
  if (envelope.status !== 'held') return err('UNKNOWN_ENVELOPE', `Envelope ${id} is not in your hands any more.`);
  return ok(envelope);
}

export function forwardEnvelope(state: TableState, _role: Role, move: M<'forwardEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  deliver(state, h.value);
  return ok(undefined);
}

export function dropEnvelope(state: TableState, _role: Role, move: M<'dropEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  h.value.status = 'dropped';
  log(state, 'engine', `${envelopeLabel(h.value)} never arrived.`);
  abortConnection(state, `${envelopeLabel(h.value)} was lost on the way and the connection timed out.`, null);
  return ok(undefined);
}

/** Flips one byte (default: the middle of the last record) — the eavesdropper cannot recompute a tag. */
export function tamperEnvelope(state: TableState, _role: Role, move: M<'tamperEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  const envelope = h.value;
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
export function replayEnvelope(state: TableState, _role: Role, move: M<'replayEnvelope'>): Result<void> {
  const h = held(state, move.envelopeId);
  if (!h.ok) return h;
  const original = state.envelopes[move.copyOf];
  if (original?.status !== 'delivered' || original.channel !== 'wire' || original.layer !== 'tls')
    return err('UNKNOWN_ENVELOPE', 'You can replay an encrypted envelope that already went through.');
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

export function stripRedirect(state: TableState, _role: Role, move: M<'stripRedirect'>): Result<void> {
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
    records: [new TextEncoder().encode(loginPage(site))],
    locks: [null],
    interference: 'forged',
  });
  log(state, 'eavesdropper', 'The eavesdropper swallowed the redirect and served the page over plain http itself.', [
    'eavesdropper',
  ]);
  if (lastHttpAnswer(state) !== forged) return err('ILLEGAL_CHOICE', 'The page could not be replaced.');
  return ok(undefined);
}
