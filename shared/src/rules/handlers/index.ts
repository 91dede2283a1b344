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
  clientDeriveKeys,
  refuseConnection,
  sendClientHello,
  sendServerHello,
  serverDeriveKeys,
  trustCertificate,
} from './handshake13.ts';
import * as wire from './wire.ts';

type Handler<T extends MoveType> = (state: TableState, role: Role, move: Extract<Move, { type: T }>) => Result<void>;

const notInThisMode = (): Result<void> =>
  err(
    'ILLEGAL_CHOICE',
    'Classic TLS 1.2 RSA rounds are not playable yet: the rules for that mode are still being built.',
  );

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
    state.mode === 'tls13' ? sendClientHello(state, role, move) : notInThisMode(),
  sendServerHello,
  trustCertificate: (state) => trustCertificate(state),
  abortConnection: (state, _role, move) => {
    if (state.phase === 'http-page') {
      if (move.reason !== 'NOT_HTTPS')
        return err('ILLEGAL_CHOICE', 'The problem with this page is that it is not https.');
      connection.refusePlainHttp(state);
    } else refuseConnection(state, move.reason);
    return { ok: true, value: undefined };
  },
  sendKeyExchange: notInThisMode,
  deriveSessionKeys: (state, role, move) =>
    role === 'server' ? serverDeriveKeys(state, role, move) : clientDeriveKeys(state, role, move),
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
