/** Opening the connection: TCP's three-way handshake and, in the stripping scenario, plain http first. @module */

import * as v from 'valibot';
import { deliver, give, log, send } from '../context.ts';
import { award, POINTS } from '../scoring.ts';
import type { TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { loginPageResponse, loginRequest, pageRequest, redirectToHttps } from '../world/http.ts';
import { abortConnection, endRound } from '../world/roundEnd.ts';
import { moveSchema } from './fields.ts';
import { defineMove, pick, ready } from './spec.ts';

export const ConnectMove = moveSchema('connect', { scheme: v.picklist(['https', 'http']) });
export const AnswerHttpMove = moveSchema('answerHttp', { answer: v.picklist(['redirect-to-https', 'serve-page']) });
export const SendSecretOverHttpMove = moveSchema('sendSecretOverHttp', {});
export const FollowRedirectMove = moveSchema('followRedirect', {});
type M<S extends v.GenericSchema> = v.InferOutput<S>;
const text = (s: string) => new TextEncoder().encode(s);

function connectApply(state: TableState, _role: Role, move: M<typeof ConnectMove>): Result<void> {
  const host = state.scenario.world.clientTypes;
  let scheme = move.scheme;
  if (scheme === 'http' && state.scenario.world.hsts) {
    scheme = 'https';
    log(state, 'client', `HSTS: the browser knows ${host} is https-only and upgraded the address to https.`);
  }
  state.choices.scheme = scheme;
  sendTcpHandshake(state, scheme === 'https' ? 443 : 80);
  if (scheme === 'https') {
    return ok(undefined);
  }
  send(state, {
    channel: 'wire',
    conn: null,
    from: 'client',
    to: 'server',
    kind: 'http-get',
    layer: 'http',
    records: [pageRequest(host)],
    locks: [null],
  });
  return ok(undefined);
}

function sendTcpHandshake(state: TableState, port: number): void {
  // TCP travels in the clear; the eavesdropper sees it but there is nothing to decide about it.
  for (const [from, to, kind, flags] of [
    ['client', 'server', 'tcp-syn', 'SYN'],
    ['server', 'client', 'tcp-syn-ack', 'SYN-ACK'],
    ['client', 'server', 'tcp-ack', 'ACK'],
  ] as const) {
    send(state, {
      channel: 'wire',
      conn: null,
      from,
      to,
      sentBy: from,
      kind: kind,
      about: String(port),
      layer: 'tcp',
      records: [
        text(
          `TCP ${flags} ${from === 'client' ? `client:51515 → ${state.scenario.world.clientTypes}:${port}` : `${state.scenario.world.clientTypes}:${port} → client:51515`}`,
        ),
      ],
      locks: [null],
    });
  }
  log(state, 'client', `TCP connection to port ${port}: SYN, SYN-ACK, ACK — in the clear.`);
}

function answerHttpApply(state: TableState, _role: Role, move: M<typeof AnswerHttpMove>): Result<void> {
  const site = state.scenario.world.siteName;
  if (move.answer === 'redirect-to-https') {
    award(state, 'server', POINTS.serverRedirectedToHttps, 'Sent plain-http visitors to https.');
    send(state, {
      channel: 'wire',
      conn: null,
      from: 'server',
      to: 'client',
      kind: 'http-redirect',
      layer: 'http',
      records: [redirectToHttps(site)],
      locks: [null],
    });
  } else {
    send(state, {
      channel: 'wire',
      conn: null,
      from: 'server',
      to: 'client',
      kind: 'http-page',
      layer: 'http',
      records: [loginPage(site)],
      locks: [null],
    });
  }
  return ok(undefined);
}

/** The login page served over plain http: its form posts the password back over plain http. */
export function loginPage(site: string): Uint8Array {
  return loginPageResponse(`http://${site}/login`);
}

/** The page the client is looking at in the http step: the last http envelope delivered to it. */
export function lastHttpAnswer(state: TableState) {
  return [...state.envelopes]
    .reverse()
    .find((e) => e.layer === 'http' && e.to === 'client' && e.status === 'delivered');
}

function followRedirectApply(state: TableState): Result<void> {
  const page = lastHttpAnswer(state);
  if (page?.kind !== 'http-redirect')
    return err('ILLEGAL_CHOICE', 'There is no redirect to follow: the page came over plain http.');
  state.choices.scheme = 'https';
  sendTcpHandshake(state, 443);
  return ok(undefined);
}

function sendSecretOverHttpApply(state: TableState): Result<void> {
  const page = lastHttpAnswer(state);
  if (!page || page.kind === 'http-redirect')
    return err('ILLEGAL_CHOICE', 'The server asked you to move to https: follow the redirect.');
  const secret = state.pockets.client.find((i) => i.kind === 'login-secret')!;
  const envelope = send(state, {
    channel: 'wire',
    conn: null,
    from: 'client',
    to: 'server',
    kind: 'http-login',
    layer: 'http',
    records: [loginRequest(state.scenario.world.clientTypes, secret.bytes)],
    locks: [null],
  });
  // Plain http: anyone on the wire reads it as it passes.
  deliver(state, envelope);
  state.outcome.secretReadBy.push('eavesdropper');
  give(state, 'eavesdropper', { ...secret, id: 'stolen-login', label: 'The client’s login, read off plain http' });
  log(state, 'client', 'The login went out over plain http: no padlock, no encryption.');
  endRound(state);
  return ok(undefined);
}

export function refusePlainHttp(state: TableState): void {
  award(state, 'client', POINTS.clientRefusedPlainHttp, 'Refused to type the login into a page without https.');
  abortConnection(state, 'The client refused to log in over plain http.', null);
}

// ── The moves ──────────────────────────────────────────────────────────────

const redirected = (state: TableState) => lastHttpAnswer(state)?.kind === 'http-redirect';

export const connect = defineMove({
  schema: ConnectMove,
  turns: { connect: ['client'] },
  words: 'open a connection',
  concept: 'HTTPS starts with a TCP connection to port 443; plain http (port 80) carries everything in the clear.',
  options: (state) => [
    ready(
      { type: 'connect', scheme: 'https' },
      `Go to https://${state.scenario.world.clientTypes}`,
      'Start with an encrypted connection (port 443).',
    ),
    ready(
      { type: 'connect', scheme: 'http' },
      `Type ${state.scenario.world.clientTypes} (plain http)`,
      'What happens when you type the name without https://.',
    ),
  ],
  apply: connectApply,
  bot: (state) => ({ type: 'connect', scheme: state.scenario.world.startsOnHttp ? 'http' : 'https' }),
});

export const answerHttp = defineMove({
  schema: AnswerHttpMove,
  turns: { 'http-answer': ['server'] },
  words: 'answer a plain http request',
  concept:
    'A site reached over plain http should send the visitor straight to https, and set HSTS so the browser never uses http for it again.',
  options: () => [
    ready(
      { type: 'answerHttp', answer: 'redirect-to-https' },
      'Redirect to https',
      'Send the visitor to the encrypted site (and set HSTS).',
    ),
    ready({ type: 'answerHttp', answer: 'serve-page' }, 'Serve the page over http', 'Answer in plain http.'),
  ],
  apply: answerHttpApply,
  bot: () => ({ type: 'answerHttp', answer: 'redirect-to-https' }),
});

export const sendSecretOverHttp = defineMove({
  schema: SendSecretOverHttpMove,
  turns: { 'http-page': ['client'] },
  words: 'send the login over plain http',
  concept: 'Over plain http nothing is encrypted: anyone on the wire reads what you type.',
  options: (state) =>
    redirected(state)
      ? []
      : [ready({ type: 'sendSecretOverHttp' }, 'Log in on this page', 'Type the password into the page as it is.')],
  apply: (state) => sendSecretOverHttpApply(state),
  bot: (_state, _role, personality, offered) =>
    personality === 'careless' ? pick(offered, 'sendSecretOverHttp') : null,
  botRank: 1,
});

export const followRedirect = defineMove({
  schema: FollowRedirectMove,
  turns: { 'http-page': ['client'] },
  words: 'follow the redirect',
  concept: 'A redirect to https moves the conversation onto an encrypted, authenticated connection.',
  options: (state) =>
    redirected(state)
      ? [
          ready(
            { type: 'followRedirect' },
            'Follow the redirect to https',
            'The server asked for an encrypted connection.',
          ),
        ]
      : [],
  apply: (state) => followRedirectApply(state),
  bot: (_state, _role, _personality, offered) => pick(offered, 'followRedirect'),
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [ConnectMove, AnswerHttpMove, SendSecretOverHttpMove, FollowRedirectMove] as const;
export const SPECS = [connect, answerHttp, sendSecretOverHttp, followRedirect] as const;
