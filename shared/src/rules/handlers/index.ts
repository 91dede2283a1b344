/** The move handlers, keyed by move type: one table, so every move has exactly one place it is applied. @module */
import type { Move, MoveType } from '../moves.ts';
import type { TableState } from '../state.ts';
import { err, type Result, type Role } from '../types.ts';
import { useLeakedKey } from './aftermath.ts';
import { editClientHello, impersonateServer } from './attacks.ts';
import * as certificate from './certificate.ts';
import * as connection from './connection.ts';
import { sendReply, sendRequest } from './data.ts';
import {
  clientFinish12,
  sendClientHello12,
  sendKeyExchange,
  sendServerHello12,
  serverFinish12,
  trustCertificate12,
} from './handshake12.ts';
import {
  clientDeriveKeys,
  refuseConnection,
  sendClientHello,
  sendServerHello,
  serverDeriveKeys,
  trustCertificate,
} from './handshake13.ts';
import * as wire from './wire.ts';

type Handler<T extends MoveType> = (state: TableState, role: Role, move: Extract<Move, { type: T }>) => Result<void>;

const classic = (state: TableState) => state.mode === 'tls12-rsa';

/** deriveSessionKeys is one move with a step per mode and side. */
const DERIVE = {
  'server-keys': serverDeriveKeys,
  'client-keys': clientDeriveKeys,
  'client-finish': clientFinish12,
  'server-finish': serverFinish12,
} as const;

export const HANDLERS: { [T in MoveType]: Handler<T> } = {
  requestCertificate: certificate.requestCertificate,
  skipCertificate: (state, role) => certificate.skipCertificate(state, role),
  sendChallenge: certificate.sendChallenge,
  publishChallengeAnswer: certificate.publishChallengeAnswer,
  issueCertificate: certificate.issueCertificate,
  refuseRequest: certificate.refuseRequest,
  connect: connection.connect,
  answerHttp: connection.answerHttp,
  sendSecretOverHttp: (state) => connection.sendSecretOverHttp(state),
  followRedirect: (state) => connection.followRedirect(state),
  sendClientHello: (state, role, move) =>
    classic(state) ? sendClientHello12(state, role, move) : sendClientHello(state, role, move),
  sendServerHello: (state, role, move) =>
    classic(state) ? sendServerHello12(state, role, move) : sendServerHello(state, role, move),
  trustCertificate: (state) => (classic(state) ? trustCertificate12(state) : trustCertificate(state)),
  abortConnection: (state, _role, move) => {
    if (state.phase === 'http-page') {
      if (move.reason !== 'NOT_HTTPS')
        return err('ILLEGAL_CHOICE', 'The problem with this page is that it is not https.');
      connection.refusePlainHttp(state);
    } else refuseConnection(state, move.reason);
    return { ok: true, value: undefined };
  },
  sendKeyExchange,
  deriveSessionKeys: (state, role, move) => {
    const step = DERIVE[state.phase as keyof typeof DERIVE];
    return step ? step(state, role, move) : err('WRONG_PHASE', 'There are no keys to derive in this step.');
  },
  sendRequest,
  sendReply,
  forwardEnvelope: wire.forwardEnvelope,
  dropEnvelope: wire.dropEnvelope,
  tamperEnvelope: wire.tamperEnvelope,
  replayEnvelope: wire.replayEnvelope,
  editClientHello,
  impersonateServer,
  stripRedirect: wire.stripRedirect,
  useLeakedKey: (state) => useLeakedKey(state),
};
