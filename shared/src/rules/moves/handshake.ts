/** The handshake moves, one definition each; the steps behind them are in handshake13.ts (TLS 1.3) and handshake12.ts (classic). @module */
import * as v from 'valibot';
import type { TableState } from '../state.ts';
import { ALL_CIPHER_SUITES, err, ok, suitesFor } from '../types.ts';
import { correctKeyFor, correctPieces, presentableCertificates } from '../world/answers.ts';
import { refusePlainHttp } from './connection.ts';
import { Id, moveSchema } from './fields.ts';
import {
  clientFinish12,
  sendClientHello12,
  sendKeyExchange as sendKeyExchange12,
  sendServerHello12,
  serverFinish12,
  trustCertificate12,
} from './handshake12.ts';
import {
  clientDeriveKeys,
  refuseConnection,
  sendClientHello as sendClientHello13,
  sendServerHello as sendServerHello13,
  serverDeriveKeys,
  trustCertificate as trustCertificate13,
} from './handshake13.ts';
import { defineMove, type LegalMove, ready } from './spec.ts';

/** Reasons a client may give for refusing a connection: validation codes plus what a person notices. */
export const ABORT_REASONS = [
  'UNKNOWN_ISSUER',
  'SELF_SIGNED',
  'BAD_SIGNATURE',
  'NAME_MISMATCH',
  'EXPIRED',
  'NOT_YET_VALID',
  'NOT_A_CA',
  'KEY_MISMATCH',
  'LOOKALIKE_NAME',
  'NOT_HTTPS',
] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];

export const SendClientHelloMove = moveSchema('sendClientHello', {
  cipherSuites: v.pipe(v.array(v.picklist(ALL_CIPHER_SUITES)), v.minLength(1), v.maxLength(2)),
});
export const SendServerHelloMove = moveSchema('sendServerHello', {
  cipherSuite: v.picklist(ALL_CIPHER_SUITES),
  certificateId: Id,
});
export const DeriveSessionKeysMove = moveSchema('deriveSessionKeys', {
  pieces: v.pipe(v.array(Id), v.minLength(1), v.maxLength(8)),
});
export const TrustCertificateMove = moveSchema('trustCertificate', {});
export const AbortConnectionMove = moveSchema('abortConnection', { reason: v.picklist(ABORT_REASONS) });
export const SendKeyExchangeMove = moveSchema('sendKeyExchange', { lockWith: Id });

const classic = (state: TableState) => state.mode === 'tls12-rsa';

/** Keys a player may pick to lock what it sends: the right one and the tempting wrong ones. */
function lockOptions(state: TableState, role: 'client' | 'server' | 'ca' | 'eavesdropper') {
  const kinds = [
    'public-key',
    'session-keys',
    'signing-key',
    'rsa-private-key',
    'key-share-public',
    'certificate',
    'root-certificate',
  ];
  return state.pockets[role].filter((i) => kinds.includes(i.kind)).map((i) => ({ value: i.id, label: i.label }));
}

export function lockForm(
  state: TableState,
  role: 'client' | 'server' | 'ca' | 'eavesdropper',
  type: LegalMove['type'],
  label: string,
  why: string,
): LegalMove {
  return { type, label, why, choices: [{ field: 'lockWith', kind: 'one', options: lockOptions(state, role) }] };
}

export const sendClientHello = defineMove({
  schema: SendClientHelloMove,
  turns: { 'client-hello': ['client'] },
  words: 'send a ClientHello',
  concept: 'The ClientHello offers the cipher suites you accept and carries your key share; it travels in the clear.',
  classicConcept:
    'The ClientHello offers the cipher suites you accept and a random; with classic RSA key transport it carries no key share. It travels in the clear.',
  options: (state) => [
    {
      type: 'sendClientHello',
      label: 'Send ClientHello',
      why: 'Offer the cipher suites you accept and your key share.',
      choices: [
        { field: 'cipherSuites', kind: 'some', options: suitesFor(state.mode).map((s) => ({ value: s, label: s })) },
      ],
    },
  ],
  apply: (state, role, move) => (classic(state) ? sendClientHello12 : sendClientHello13)(state, role, move),
  bot: (state) => ({
    type: 'sendClientHello',
    cipherSuites: classic(state)
      ? ['TLS_RSA_WITH_AES_128_GCM_SHA256']
      : ['TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256'],
  }),
});

export const sendServerHello = defineMove({
  schema: SendServerHelloMove,
  turns: { 'server-hello': ['server'] },
  words: 'send a ServerHello',
  concept:
    'The server picks one of the cipher suites the client offered and presents the certificate that proves its name.',
  options: (state) => [
    {
      type: 'sendServerHello',
      label: 'Send ServerHello',
      why: 'Pick one of the client’s suites and the certificate to present.',
      choices: [
        {
          field: 'cipherSuite',
          kind: 'one',
          options: (state.choices.clientSuites ?? suitesFor(state.mode)).map((s) => ({ value: s, label: s })),
        },
        { field: 'certificateId', kind: 'one', options: presentableCertificates(state, 'server') },
      ],
    },
  ],
  apply(state, role, move) {
    // Only a suite the client offered can be picked (an edited ClientHello may offer even fewer: the stack says so).
    if (state.choices.clientSuites && !state.choices.clientSuites.includes(move.cipherSuite))
      return err(
        'ILLEGAL_CHOICE',
        `The client did not offer ${move.cipherSuite}: pick one of the suites in its ClientHello.`,
      );
    return (classic(state) ? sendServerHello12 : sendServerHello13)(state, role, move);
  },
  bot(state) {
    const suite = state.choices.clientSuites?.[0] ?? 'TLS_AES_128_GCM_SHA256';
    const cert =
      state.pockets.server.find((i) => i.id === 'server-certificate') ??
      state.pockets.server.find((i) => i.kind === 'certificate');
    return cert ? { type: 'sendServerHello', cipherSuite: suite, certificateId: cert.id } : null;
  },
});

/** deriveSessionKeys is one move with a step per mode and side. */
const DERIVE = {
  'server-keys': serverDeriveKeys,
  'client-keys': clientDeriveKeys,
  'client-finish': clientFinish12,
  'server-finish': serverFinish12,
} as const;

export const deriveSessionKeys = defineMove({
  schema: DeriveSessionKeysMove,
  turns: {
    'server-keys': ['server'],
    'client-keys': ['client'],
    'client-finish': ['client'],
    'server-finish': ['server'],
  },
  words: 'derive session keys',
  concept:
    'Key exchange: each side combines its own private key share with the other side’s public share. Both get the same keys, and the keys themselves never travel.',
  classicConcept:
    'Classic TLS: the session keys come from the pre-master secret and both randoms (through the PRF). The randoms travel in the clear; the pre-master secret travelled locked to the server’s RSA key.',
  options: (state, role) => [
    {
      type: 'deriveSessionKeys',
      label: 'Derive the session keys',
      why: 'Choose the pieces that make the shared keys; the engine does the arithmetic.',
      choices: [
        { field: 'pieces', kind: 'some', options: state.pockets[role].map((i) => ({ value: i.id, label: i.label })) },
      ],
    },
  ],
  apply(state, role, move) {
    const step = DERIVE[state.phase as keyof typeof DERIVE];
    return step ? step(state, role, move) : err('WRONG_PHASE', 'There are no keys to derive in this step.');
  },
  bot: (state, role) => ({ type: 'deriveSessionKeys', pieces: correctPieces(state, role) }),
});

const CERTIFICATE_CONCEPT =
  'A certificate only proves identity if its signature chains to a CA your browser trusts, it is within its validity dates, the name matches the address bar, and the server proves it holds the matching private key.';

export const trustCertificate = defineMove({
  schema: TrustCertificateMove,
  turns: { 'client-verify': ['client'] },
  words: 'trust the certificate',
  concept: CERTIFICATE_CONCEPT,
  options: () => [
    ready(
      { type: 'trustCertificate' },
      'Trust the certificate and continue',
      'Go on if every check passed and the name is the one you meant.',
    ),
  ],
  apply: (state) => (classic(state) ? trustCertificate12 : trustCertificate13)(state),
  bot(state, _role, personality) {
    const w = state.scenario.world;
    const failing = state.validation?.checks.some((c) => !c.ok);
    return personality === 'careless' || (!failing && w.clientTypes === w.siteName)
      ? { type: 'trustCertificate' }
      : null;
  },
});

export const abortConnection = defineMove({
  schema: AbortConnectionMove,
  turns: { 'http-page': ['client'], 'client-verify': ['client'] },
  words: 'abort the connection',
  concept: CERTIFICATE_CONCEPT,
  options: () => [
    {
      type: 'abortConnection',
      label: 'Abort the connection',
      why: 'Refuse, giving the reason you saw.',
      choices: [{ field: 'reason', kind: 'one', options: ABORT_REASONS.map((r) => ({ value: r, label: r })) }],
    },
  ],
  apply(state, _role, move) {
    if (state.phase === 'http-page') {
      if (move.reason !== 'NOT_HTTPS')
        return err('ILLEGAL_CHOICE', 'The problem with this page is that it is not https.');
      refusePlainHttp(state);
    } else refuseConnection(state, move.reason);
    return ok(undefined);
  },
  bot(state) {
    if (state.phase === 'http-page') return { type: 'abortConnection', reason: 'NOT_HTTPS' };
    const failing = state.validation?.checks.find((c) => !c.ok);
    return { type: 'abortConnection', reason: (failing?.code as AbortReason) ?? 'LOOKALIKE_NAME' };
  },
  botRank: 2,
});

export const sendKeyExchange = defineMove({
  schema: SendKeyExchangeMove,
  turns: { 'client-key-exchange': ['client'] },
  words: 'send the key exchange',
  concept:
    'In classic RSA key transport the client locks the pre-master secret with the server’s public key: only the matching private key opens it.',
  options: (state, role) => [
    lockForm(
      state,
      role,
      'sendKeyExchange',
      'Lock the pre-master secret and send it',
      'Only the holder of the matching private key can open what you lock now.',
    ),
  ],
  apply: sendKeyExchange12,
  bot: (state, role) => ({ type: 'sendKeyExchange', lockWith: correctKeyFor(state, role) }),
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [
  SendClientHelloMove,
  SendServerHelloMove,
  DeriveSessionKeysMove,
  TrustCertificateMove,
  AbortConnectionMove,
  SendKeyExchangeMove,
] as const;
export const SPECS = [
  sendClientHello,
  sendServerHello,
  deriveSessionKeys,
  trustCertificate,
  abortConnection,
  sendKeyExchange,
] as const;
