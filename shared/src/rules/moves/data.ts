/** The data phase: the client's login and the server's reply, locked with the key the player chooses. @module */
import { log, moveRng, send } from '../context.ts';
import type { Envelope, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { correctKeyFor } from '../world/answers.ts';
import { clientConn, serverConn } from '../world/connections.ts';
import { loginRequest, welcomeReply } from '../world/http.ts';
import { liveConnection, sealMessage, slot } from '../world/sessions.ts';
import { Id, moveSchema } from './fields.ts';
import { lockForm } from './handshake.ts';
import type { Move } from './index.ts';
import { defineMove } from './spec.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

const WRONG_KEY =
  'That key cannot lock this envelope for the other side: records are sealed with the session keys both ends derived, not with a certificate’s or CA’s key.';

function seal(
  state: TableState,
  role: 'client' | 'server',
  lockWith: string,
  plaintext: Uint8Array,
  kind: 'login' | 'reply',
): Result<Envelope> {
  if (!state.pockets[role].some((i) => i.id === lockWith)) return err('UNKNOWN_ITEM', 'You do not hold that key.');
  if (lockWith !== 'session-keys') return err('WRONG_KEY', WRONG_KEY);
  const conn = role === 'client' ? clientConn(state) : serverConn(state);
  const connection = liveConnection(state, role, conn);
  if (!connection) return err('WRONG_PHASE', 'The handshake is not finished on your side.');
  const sealed = sealMessage(connection, plaintext, role === 'server' ? moveRng(state, 'session-ticket') : undefined);
  slot(state, role, conn).live = sealed.app;
  const envelope = send(state, {
    channel: 'wire',
    conn,
    from: role,
    to: role === 'client' ? 'server' : 'client',
    kind,
    layer: 'tls',
    records: sealed.records,
    locks: sealed.records.map(() => 'application-keys' as const),
  });
  for (const [i, seq] of sealed.seqs.entries()) state.recordSeqs[`${envelope.id}:${i}`] = seq;
  return ok(envelope);
}

function sendRequestApply(state: TableState, _role: Role, move: M<'sendRequest'>): Result<void> {
  const secret = state.pockets.client.find((i) => i.id === 'login-secret')!;
  const request = loginRequest(state.scenario.world.clientTypes, secret.bytes);
  const r = seal(state, 'client', move.lockWith, request, 'login');
  if (!r.ok) return r;
  log(state, 'client', 'The client sent its login, sealed with the session keys.');
  return ok(undefined);
}

function sendReplyApply(state: TableState, _role: Role, move: M<'sendReply'>): Result<void> {
  const r = seal(state, 'server', move.lockWith, welcomeReply(), 'reply');
  if (!r.ok) return r;
  log(state, 'server', 'The server replied, sealed with the session keys.');
  return ok(undefined);
}

export const SendRequestMove = moveSchema('sendRequest', { lockWith: Id });
export const SendReplyMove = moveSchema('sendReply', { lockWith: Id });

// ── The moves ──────────────────────────────────────────────────────────────

const DATA_CONCEPT = 'Application data is locked with the session keys both ends derived; nobody else holds them.';

export const sendRequest = defineMove({
  schema: SendRequestMove,
  turns: { request: ['client'] },
  words: 'send the request',
  concept: DATA_CONCEPT,
  options: (state, role) => [
    lockForm(state, role, 'sendRequest', 'Lock the login and send it', 'Choose which key locks the envelope.'),
  ],
  apply: sendRequestApply,
  bot: (state, role) => ({ type: 'sendRequest', lockWith: correctKeyFor(state, role) }),
});

export const sendReply = defineMove({
  schema: SendReplyMove,
  turns: { reply: ['server'] },
  words: 'send the reply',
  concept: DATA_CONCEPT,
  options: (state, role) => [
    lockForm(state, role, 'sendReply', 'Lock the reply and send it', 'Choose which key locks the envelope.'),
  ],
  apply: sendReplyApply,
  bot: (state, role) => ({ type: 'sendReply', lockWith: correctKeyFor(state, role) }),
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [SendRequestMove, SendReplyMove] as const;
export const SPECS = [sendRequest, sendReply] as const;
