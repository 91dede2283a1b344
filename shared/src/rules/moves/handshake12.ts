/** The classic TLS 1.2 RSA handshake as moves: hellos, locking the pre-master secret, key derivation, Finished both ways. @module */

import { type Rng, seededRng } from '../../rng/rng.ts';
import { expectMessage, handshakeMessagesOf, parseRecords } from '../../tls12/handshake.ts';
import type { ClientAwaitingServerFinished, ClientAwaitingServerKey } from '../../tls12/handshakeClient.ts';
import { sendClientKeyExchange, startClient } from '../../tls12/handshakeClient.ts';
import {
  answerClientFinished,
  answerClientHello,
  type ServerAwaitingClientKeyExchange,
} from '../../tls12/handshakeServer.ts';
import { decryptPreMasterSecret } from '../../tls12/rsaKeyTransport.ts';
import { parseCertificate } from '../../x509/certificate.ts';
import { alertFor, sendFatalAlert } from '../arrivals/alert.ts';
import { give, log, moveRng, send } from '../context.ts';
import { award, POINTS } from '../scoring.ts';
import type { ConnId, Party, TableState } from '../state.ts';
import { err, ok, type Result, type Role, TLS12_CIPHER_SUITE } from '../types.ts';
import { clientConn, serverConn } from '../world/connections.ts';
import { abortConnection } from '../world/roundEnd.ts';
import { endpoint, setConnection, setEndpoint, slot } from '../world/sessions.ts';
import { checkPieces, pocketCertificate, tlsFailure } from './handshake13.ts';
import type { Move } from './index.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

/**
 * The generator a server-side stack uses to open the ClientKeyExchange (§7.4.7.1 draws its fallback secret
 * first): one per party and connection, so the pre-master secret shown on arrival is the one Finished uses.
 */
function premasterRng(state: TableState, party: Party, conn: ConnId): Rng {
  return seededRng(state.seed, `tls12:premaster:${party}:${conn}`);
}

export function sendClientHello12(state: TableState, _role: Role, move: M<'sendClientHello'>): Result<void> {
  const suites = [...new Set(move.cipherSuites)];
  if (suites.length !== 1 || suites[0] !== TLS12_CIPHER_SUITE)
    return err(
      'ILLEGAL_CHOICE',
      `In classic mode the browser speaks TLS 1.2 with RSA key transport: offer ${TLS12_CIPHER_SUITE}.`,
    );
  const hello = startClient(moveRng(state, 'client-hello'), { serverName: state.scenario.world.clientTypes });
  state.choices.clientSuites = suites;
  setEndpoint(state, 'client', 'main', hello.state);
  give(state, 'client', {
    id: 'client-random',
    kind: 'random',
    label: 'Your client random (32 bytes, sent in the clear)',
    secret: false,
    bytes: hello.state.clientRandom,
  });
  send(state, {
    channel: 'wire',
    conn: 'main',
    from: 'client',
    to: 'server',
    kind: 'client-hello',
    layer: 'tls',
    records: hello.records,
    locks: hello.records.map(() => null),
  });
  log(
    state,
    'client',
    `ClientHello sent: TLS 1.2, suite ${TLS12_CIPHER_SUITE}, a client random, and the server name ${state.scenario.world.clientTypes} in the clear (SNI).`,
  );
  return ok(undefined);
}

export function sendServerHello12(state: TableState, _role: Role, move: M<'sendServerHello'>): Result<void> {
  const conn = serverConn(state);
  const hello = slot(state, 'server', conn).inbox.clientHello;
  if (!hello) return err('WRONG_PHASE', 'No ClientHello has reached you.');
  if (move.cipherSuite !== TLS12_CIPHER_SUITE)
    return err('ILLEGAL_CHOICE', `The client offered only ${TLS12_CIPHER_SUITE}: answer with it.`);
  const certificate = pocketCertificate(state, 'server', move.certificateId);
  if (!certificate) return err('UNKNOWN_ITEM', 'Present a certificate from your pocket.');
  const key = state.keyPairs['server-long-term-key'];
  if (key?.algorithm !== 'RSA') return err('UNKNOWN_ITEM', 'You have no RSA key for the client to lock to.');
  let flight: ReturnType<typeof answerClientHello>;
  try {
    flight = answerClientHello(
      moveRng(state, 'server-hello'),
      { certificates: [certificate.bytes], keyPair: key },
      hello,
    );
  } catch (error) {
    abortConnection(state, `The server could not answer the ClientHello (${tlsFailure(error)}).`, 'server');
    return ok(undefined);
  }
  state.choices.serverSuite = move.cipherSuite;
  state.choices.serverCertificateId = move.certificateId;
  setEndpoint(state, 'server', conn, flight.state);
  give(state, 'server', {
    id: 'server-random',
    kind: 'random',
    label: 'Your server random (32 bytes, sent in the clear)',
    secret: false,
    bytes: flight.state.serverRandom,
  });
  send(state, {
    channel: 'wire',
    conn,
    from: 'server',
    to: 'client',
    kind: 'server-flight-tls12',
    layer: 'tls',
    records: flight.records,
    locks: flight.records.map(() => null),
  });
  log(state, 'server', 'The server answered with its random and its certificate, in the clear.');
  // Answering a relaying eavesdropper, the server's next step is its Finished: the impostor's stack answers by itself.
  return ok(undefined);
}

/** client-verify in classic mode: trusting the certificate means locking the secret to its key next. */
export function trustCertificate12(state: TableState): Result<void> {
  const bad = state.validation?.checks.some((c) => !c.ok) ?? true;
  if (bad || state.scenario.world.clientTypes !== state.scenario.world.siteName)
    state.outcome.clientTrustedBadCertificate = true;
  log(state, 'client', 'The client trusted the certificate: next it locks a pre-master secret to the key inside it.');
  return ok(undefined);
}

const LOCK_ADVICE: Record<string, string> = {
  'trusted-root':
    'That is the CA’s key from your trust store: it signs certificates and cannot encrypt, and the server could not open it anyway.',
  'presented-certificate':
    'A certificate is not a key: lock with the public key inside it, which only the holder of the matching private key can open.',
};

/** client-key-exchange: the client picks the key that locks a fresh pre-master secret (RFC 5246 §7.4.7.1). */
export function sendKeyExchange(state: TableState, _role: Role, move: M<'sendKeyExchange'>): Result<void> {
  const item = state.pockets.client.find((i) => i.id === move.lockWith);
  if (!item) return err('UNKNOWN_ITEM', 'You do not hold that key.');
  if (item.id !== 'server-public-key')
    return err(
      'WRONG_KEY',
      LOCK_ADVICE[item.id] ??
        'That cannot lock the pre-master secret for the server: lock it with the public key from the certificate you were shown.',
    );
  const conn = clientConn(state);
  const waiting = endpoint<ClientAwaitingServerKey>(state, 'client', conn);
  if (waiting?.phase !== 'client_wait_server_key')
    return err('WRONG_PHASE', 'The server’s certificate has not arrived.');
  const leaf = parseCertificate(waiting.certificates[0]!);
  if (leaf.publicKey.algorithm !== 'RSA')
    return err('WRONG_KEY', 'The certificate’s key is not an RSA key, so it cannot encrypt the pre-master secret.');
  const flight = sendClientKeyExchange(moveRng(state, 'client-key-exchange'), waiting, leaf.publicKey.key);
  const s = slot(state, 'client', conn);
  setEndpoint(state, 'client', conn, flight.state);
  // ClientKeyExchange goes now; ChangeCipherSpec and Finished wait until the client has derived its keys.
  const keyExchange = flight.records.slice(0, -2);
  s.pending = flight.records.slice(-2);
  give(state, 'client', {
    id: 'pre-master-secret',
    kind: 'pre-master-secret',
    label: 'Your pre-master secret (48 bytes, sent locked to the server’s RSA key)',
    secret: true,
    bytes: flight.state.preMasterSecret,
  });
  send(state, {
    channel: 'wire',
    conn,
    from: 'client',
    to: 'server',
    kind: 'client-key-exchange',
    layer: 'tls',
    records: keyExchange,
    locks: keyExchange.map(() => null),
  });
  log(state, 'client', 'The client locked a fresh pre-master secret with the certificate’s public key and sent it.');
  return ok(undefined);
}

/** client-finish: the client derives the master secret from the pieces and sends its Finished. */
export function clientFinish12(state: TableState, _role: Role, move: M<'deriveSessionKeys'>): Result<void> {
  const pieces = checkPieces(state, 'client', move.pieces);
  if (!pieces.ok) return pieces;
  const conn = clientConn(state);
  const s = slot(state, 'client', conn);
  const waiting = endpoint<ClientAwaitingServerFinished>(state, 'client', conn);
  if (waiting?.phase !== 'client_wait_server_finished' || !s.pending)
    return err('WRONG_PHASE', 'Send the key exchange first.');
  const finished = s.pending;
  s.pending = null;
  give(state, 'client', {
    id: 'session-keys',
    kind: 'session-keys',
    label: 'Session keys (master secret: PRF of the pre-master secret and both randoms)',
    secret: true,
    bytes: waiting.masterSecret,
  });
  send(state, {
    channel: 'wire',
    conn,
    from: 'client',
    to: 'server',
    kind: 'finished-tls12',
    layer: 'tls',
    records: finished,
    locks: [null, 'session-keys'],
  });
  log(state, 'client', 'The client derived its keys and sent ChangeCipherSpec and its encrypted Finished.');
  // An impostor's stack answers by itself (on arrival); the real server takes its own step.
  return ok(undefined);
}

/** server-finish: the server derives the same keys, checks the client's Finished and answers with its own. */
export function serverFinish12(state: TableState, _role: Role, move: M<'deriveSessionKeys'>): Result<void> {
  const pieces = checkPieces(state, 'server', move.pieces);
  if (!pieces.ok) return pieces;
  const conn = serverConn(state);
  const answer = answerFinished(state, 'server', conn);
  if (!answer.ok) return answer;
  if (answer.value) {
    log(state, 'server', 'The client’s Finished checked out: the server sent its own Finished.');
    // Relayed: the real client still has to decide about the impostor's certificate.
  }
  return ok(undefined);
}

/**
 * Opens the ClientKeyExchange, checks the client's Finished and sends the server's (the real server's step,
 * or the impostor's stack answering by itself). Returns false when the connection was aborted.
 */
export function answerFinished(state: TableState, party: 'server' | 'eavesdropper', conn: ConnId): Result<boolean> {
  const s = slot(state, party, conn);
  const waiting = endpoint<ServerAwaitingClientKeyExchange>(state, party, conn);
  if (waiting?.phase !== 'server_wait_client_key_exchange' || !s.inbox.keyExchange || !s.inbox.clientFinished)
    return err('WRONG_PHASE', 'The client’s key exchange and Finished have not both arrived.');
  let done: ReturnType<typeof answerClientFinished>;
  try {
    done = answerClientFinished(premasterRng(state, party, conn), waiting, [
      ...s.inbox.keyExchange,
      ...s.inbox.clientFinished,
    ]);
  } catch (error) {
    if (party === 'eavesdropper') {
      abortConnection(
        state,
        `The impostor could not answer the client’s Finished: the pre-master secret was locked to a key it does not hold (${tlsFailure(error)}).`,
        null,
      );
      return ok(false);
    }
    const changed = state.envelopes.some(
      (e) => e.conn === conn && e.from === 'client' && e.interference !== null && e.status === 'delivered',
    );
    if (changed)
      award(state, 'server', POINTS.serverDetectedTampering, 'Detected a changed handshake message at Finished.');
    sendFatalAlert(state, party, conn, alertFor(error));
    abortConnection(
      state,
      `The server could not check the client’s Finished: the two sides do not hold the same keys (${tlsFailure(error)}).`,
      'server',
    );
    return ok(false);
  }
  setEndpoint(state, party, conn, null);
  setConnection(state, party, conn, { version: 'tls12', connection: done.state });
  // An impostor scores when the client's secret really opens with its key, not merely for being trusted.
  if (party === 'eavesdropper')
    award(
      state,
      'eavesdropper',
      POINTS.eavesdropperForgedAccepted,
      'The client accepted your certificate and locked its secret to your key.',
    );
  give(state, party, {
    id: 'session-keys',
    kind: 'session-keys',
    label: 'Session keys (master secret: PRF of the pre-master secret and both randoms)',
    secret: true,
    bytes: done.state.masterSecret,
  });
  send(state, {
    channel: 'wire',
    conn,
    from: 'server',
    to: 'client',
    sentBy: party,
    kind: 'finished-tls12',
    layer: 'tls',
    records: done.records,
    locks: [null, 'session-keys'],
    interference: party === 'eavesdropper' ? 'forged' : null,
  });
  return ok(state.outcome.connectionAborted === null);
}

/** What a server-side stack does when the ClientKeyExchange arrives: open it with its private key. */
export function openKeyExchange(
  state: TableState,
  party: 'server' | 'eavesdropper',
  conn: ConnId,
  records: Uint8Array[],
): void {
  const s = slot(state, party, conn);
  s.inbox.keyExchange = records;
  const waiting = endpoint<ServerAwaitingClientKeyExchange>(state, party, conn);
  if (waiting?.phase !== 'server_wait_client_key_exchange') return;
  give(state, party, {
    id: 'pre-master-secret',
    kind: 'pre-master-secret',
    label: 'The pre-master secret, as your private key opened it',
    secret: true,
    // Same steps and generator as answerClientFinished: a key that does not fit yields the same random stand-in.
    bytes: decryptPreMasterSecret(
      waiting.privateKey,
      expectMessage(handshakeMessagesOf(parseRecords(records))[0], 'client_key_exchange').encryptedPreMasterSecret,
      waiting.clientHelloVersion,
      premasterRng(state, party, conn),
    ),
  });
}
