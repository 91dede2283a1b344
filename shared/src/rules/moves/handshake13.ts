/** The TLS 1.3 handshake as moves: hellos, key derivation from chosen pieces, the client's trust decision. @module */
import { bytesToHex, concatBytes } from '../../bytes/bytes.ts';
import { Tls12Error } from '../../tls12/errors.ts';
import {
  type ClientState,
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientVerifyServer,
} from '../../tls13/client.ts';
import { TlsError } from '../../tls13/errors.ts';
import { parseServerHello } from '../../tls13/messages.ts';
import { type ServerState, serverRespond } from '../../tls13/server.ts';
import { parseCertificate } from '../../x509/certificate.ts';
import { validateCertificateChain } from '../../x509/validate.ts';
import { alertFor, refusalAlert, sendFatalAlert } from '../arrivals/alert.ts';
import { give, log, moveRng, send } from '../context.ts';
import { award, POINTS } from '../scoring.ts';
import type { Item, Party, TableState, ValidationReport } from '../state.ts';
import { CIPHER_SUITES, err, ok, type Result, type Role } from '../types.ts';
import { correctPieces } from '../world/answers.ts';
import { clientConn, isTls13Suite, SUITE_CODES, serverConn } from '../world/connections.ts';
import { abortConnection } from '../world/roundEnd.ts';
import { endpoint, setConnection, setEndpoint, slot } from '../world/sessions.ts';
import type { Move } from './index.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

/** TLS 1.2 suites a browser that can fall back lists after its TLS 1.3 ones: ECDHE-ECDSA, then RSA key transport. */
const BROWSER_TLS12_SUITES = [0xc02b, 0x009c] as const;

export function tlsFailure(error: unknown): string {
  if (error instanceof TlsError) return `${error.alert} alert: ${error.message}`;
  if (error instanceof Tls12Error) return `${error.code.toLowerCase()} alert: ${error.message.replace(/\.$/, '')}`;
  return `handshake failure: ${(error as Error).message}`;
}

export function sendClientHello(state: TableState, _role: Role, move: M<'sendClientHello'>): Result<void> {
  const suites = [...new Set(move.cipherSuites)];
  if (!suites.every(isTls13Suite))
    return err('ILLEGAL_CHOICE', `A TLS 1.3 ClientHello offers TLS 1.3 suites: ${CIPHER_SUITES.join(', ')}.`);
  const hello = clientHello(moveRng(state, 'client-hello'), {
    serverName: state.scenario.world.clientTypes,
    cipherSuites: suites.map((s) => SUITE_CODES[s]),
    tls12CipherSuites: state.scenario.world.browserOffersTls12 ? BROWSER_TLS12_SUITES : undefined,
  });
  state.choices.clientSuites = suites;
  setEndpoint(state, 'client', 'main', hello.state);
  give(state, 'client', {
    id: 'client-key-share',
    kind: 'key-share-private',
    label: 'Your key share (x25519, private half)',
    secret: true,
    bytes: hello.state.x25519PrivateKey,
  });
  send(state, {
    channel: 'wire',
    conn: 'main',
    from: 'client',
    to: 'server',
    kind: 'client-hello',
    layer: 'tls',
    records: [hello.record],
    locks: [null],
  });
  log(
    state,
    'client',
    `ClientHello sent: suites ${suites.join(', ')}, key share, and the server name ${state.scenario.world.clientTypes} in the clear (SNI).`,
  );
  return ok(undefined);
}

export function sendServerHello(state: TableState, _role: Role, move: M<'sendServerHello'>): Result<void> {
  const conn = serverConn(state);
  const hello = slot(state, 'server', conn).inbox.clientHello;
  if (!hello) return err('WRONG_PHASE', 'No ClientHello has reached you.');
  if (!isTls13Suite(move.cipherSuite))
    return err('ILLEGAL_CHOICE', `Answer a TLS 1.3 ClientHello with a TLS 1.3 suite: ${CIPHER_SUITES.join(', ')}.`);
  const certificate = pocketCertificate(state, 'server', move.certificateId);
  if (!certificate) return err('UNKNOWN_ITEM', 'Present a certificate from your pocket.');
  const key = state.keyPairs['server-long-term-key'];
  if (key?.algorithm !== 'Ed25519') return err('UNKNOWN_ITEM', 'You have no Ed25519 key to sign with.');
  let flight: ReturnType<typeof serverRespond>;
  try {
    flight = serverRespond(
      moveRng(state, 'server-hello'),
      {
        certificateChainDer: [certificate.bytes],
        signingKey: key.privateKey,
        cipherSuites: [SUITE_CODES[move.cipherSuite]],
        supportsTls12Fallback: state.scenario.world.serverAllowsTls12Fallback,
      },
      hello,
    );
  } catch (error) {
    if (
      error instanceof TlsError &&
      error.code === 'HANDSHAKE_FAILURE' &&
      state.envelopes.every((e) => e.interference !== 'edited')
    )
      return err(
        'ILLEGAL_CHOICE',
        `The client did not offer ${move.cipherSuite}: pick one of the suites in its ClientHello.`,
      );
    abortConnection(state, `The server could not answer the ClientHello (${tlsFailure(error)}).`, 'server');
    return ok(undefined);
  }
  state.choices.serverSuite = move.cipherSuite;
  state.choices.serverCertificateId = move.certificateId;
  setEndpoint(state, 'server', conn, flight.state);
  slot(state, 'server', conn).pending = flight.records.slice(1);
  give(state, 'server', {
    id: 'server-key-share',
    kind: 'key-share-private',
    label: 'Your key share (x25519; its private half stays inside your TLS stack)',
    secret: false,
    bytes: parseServerHello(flight.messages[0]!).keyShare?.keyExchange ?? new Uint8Array(),
  });
  send(state, {
    channel: 'wire',
    conn,
    from: 'server',
    to: 'client',
    kind: 'server-hello',
    layer: 'tls',
    records: [flight.records[0]!],
    locks: [null],
  });
  if (flight.state.phase === 'DOWNGRADED_TLS12') {
    log(
      state,
      'server',
      'The ClientHello offered no TLS 1.3: the server answered with TLS 1.2 (and the downgrade sentinel in its random).',
    );
    return ok(undefined);
  }
  return ok(undefined);
}

export function checkPieces(state: TableState, role: Role, pieces: string[]): Result<void> {
  const want = correctPieces(state, role);
  const got = [...new Set(pieces)];
  if (got.length === want.length && want.every((p) => got.includes(p))) return ok(undefined);
  return err(
    'WRONG_PIECES',
    state.mode === 'tls13'
      ? 'Those pieces do not make the session key. Hint: each side combines its own private key share with the other side’s public one.'
      : 'Those pieces do not make the session keys. Hint: the master secret comes from the pre-master secret and both randoms, nothing else.',
  );
}

/** server-keys: release the encrypted flight once the server chose the right pieces. */
export function serverDeriveKeys(state: TableState, _role: Role, move: M<'deriveSessionKeys'>): Result<void> {
  const pieces = checkPieces(state, 'server', move.pieces);
  if (!pieces.ok) return pieces;
  const conn = serverConn(state);
  const flight = slot(state, 'server', conn).pending ?? [];
  const server = endpoint<ServerState>(state, 'server', conn);
  if (server?.phase === 'WAIT_CLIENT_FINISHED')
    give(state, 'server', {
      id: 'session-keys',
      kind: 'session-keys',
      label: 'Session keys (application traffic secrets)',
      secret: true,
      bytes: concatBytes(server.clientApplicationTrafficSecret, server.serverApplicationTrafficSecret),
    });
  send(state, {
    channel: 'wire',
    conn,
    from: 'server',
    to: 'client',
    kind: 'server-flight-tls13',
    layer: 'tls',
    records: flight,
    locks: flight.map(() => 'handshake-keys'),
  });
  log(state, 'server', 'The server derived its keys and sent its certificate, signature and Finished, encrypted.');
  return ok(undefined);
}

/** client-keys: the client combines the pieces, decrypts the server's flight and checks it. */
export function clientDeriveKeys(state: TableState, _role: Role, move: M<'deriveSessionKeys'>): Result<void> {
  const pieces = checkPieces(state, 'client', move.pieces);
  if (!pieces.ok) return pieces;
  const conn = clientConn(state);
  const waiting = endpoint<ClientState>(state, 'client', conn);
  const flight = slot(state, 'client', conn).inbox.serverFlight;
  if (waiting?.phase !== 'WAIT_SERVER_FLIGHT' || !flight)
    return err('WRONG_PHASE', 'The server’s flight has not arrived.');
  let read: ReturnType<typeof clientReadServerFlight>;
  try {
    read = clientReadServerFlight(waiting, flight);
  } catch (error) {
    sendFatalAlert(state, 'client', conn, alertFor(error));
    abortConnection(
      state,
      `The client could not open the server’s flight: its keys and transcript do not match the server’s (${tlsFailure(error)}).`,
      'client',
    );
    return ok(undefined);
  }
  const leafDer = read.certificateChain[0]!;
  const { checks, presentedName } = inspectCertificate(state, read.certificateChain);
  let verified: ClientState = read.state;
  try {
    const leaf = parseCertificate(leafDer);
    if (leaf.publicKey.algorithm !== 'Ed25519')
      throw new TlsError('HANDSHAKE_FAILURE', 'The certificate has no Ed25519 key.');
    const result = clientVerifyServer(read.state, leaf.publicKey.key);
    verified = result.state;
    checks.push({
      code: 'PROOF_OF_KEY',
      ok: true,
      message: 'The server proved it holds the certificate’s private key (CertificateVerify) and its Finished matched.',
    });
  } catch (error) {
    checks.push({
      code: 'KEY_MISMATCH',
      ok: false,
      message: `The signature over the handshake does not match the certificate’s key: whoever answered does not hold it (${tlsFailure(error)}).`,
    });
  }
  setEndpoint(state, 'client', conn, verified);
  state.validation = {
    certificateId: 'presented-certificate',
    presentedName,
    expectedName: state.scenario.world.clientTypes,
    checks,
  };
  return ok(undefined);
}

export function trustCertificate(state: TableState): Result<void> {
  const conn = clientConn(state);
  const verified = endpoint<ClientState>(state, 'client', conn);
  const bad = state.validation?.checks.some((c) => !c.ok) ?? true;
  const impersonated = state.choices.impersonating !== null;
  if (bad || state.scenario.world.clientTypes !== state.scenario.world.siteName)
    state.outcome.clientTrustedBadCertificate = true;
  if (verified?.phase !== 'VERIFIED') {
    sendFatalAlert(state, 'client', conn, 'decrypt_error');
    abortConnection(
      state,
      'The client clicked through, but its TLS stack refused: the CertificateVerify signature did not check out (decrypt_error).',
      'client',
    );
    return ok(undefined);
  }
  const finished = clientFinish(verified);
  setEndpoint(state, 'client', conn, finished.state);
  setConnection(state, 'client', conn, { version: 'tls13', connection: finished.connection });
  give(state, 'client', {
    id: 'session-keys',
    kind: 'session-keys',
    label: 'Session keys (application traffic secrets)',
    secret: true,
    bytes: concatBytes(verified.clientApplicationTrafficSecret, verified.serverApplicationTrafficSecret),
  });
  if (impersonated)
    award(state, 'eavesdropper', POINTS.eavesdropperForgedAccepted, 'The client accepted your certificate.');
  send(state, {
    channel: 'wire',
    conn,
    from: 'client',
    to: 'server',
    kind: 'client-finished-tls13',
    layer: 'tls',
    records: [finished.record],
    locks: ['handshake-keys'],
  });
  log(state, 'client', 'The client trusted the certificate and sent its Finished.');
  return ok(undefined);
}

export function refuseConnection(state: TableState, reason: string): void {
  sendFatalAlert(state, 'client', clientConn(state), refusalAlert(reason));
  const failing = state.validation?.checks.filter((c) => !c.ok).map((c) => c.code) ?? [];
  const lookalike = state.scenario.world.clientTypes !== state.scenario.world.siteName;
  if (failing.includes(reason) || (lookalike && reason === 'LOOKALIKE_NAME')) {
    award(state, 'client', POINTS.clientRejectedBadCertificate, `Refused the connection: ${reason}.`);
    state.outcome.clientRejected = reason;
  } else if (failing.length > 0 || lookalike) {
    award(
      state,
      'client',
      POINTS.clientRejectedBadCertificate - 1,
      `Refused a bad connection (the reason given, ${reason}, was not the one found).`,
    );
    state.outcome.clientRejected = reason;
  } else {
    award(state, 'client', POINTS.clientFalseAlarm, `Refused a connection whose checks all passed (${reason}).`);
  }
  abortConnection(state, `The client refused the connection (${reason}).`, null);
}

/** The browser keeps the presented certificate and checks its chain against its trust store, clock and address bar (RFC 5280 §6). */
export function inspectCertificate(
  state: TableState,
  chainDer: Uint8Array[],
): { checks: ValidationReport['checks']; presentedName: string } {
  give(state, 'client', {
    id: 'presented-certificate',
    kind: 'certificate',
    label: 'The certificate the server presented',
    secret: false,
    bytes: chainDer[0]!,
  });
  const validation = validateCertificateChain({
    chainDer,
    trustedRootsDer: [state.ca.certificateDer],
    now: state.now,
    expectedName: state.scenario.world.clientTypes,
  });
  const checks = validation.failures.map((f) => ({ code: f.code as string, ok: false, message: f.message }));
  if (validation.ok)
    checks.unshift({
      code: 'CHAIN',
      ok: true,
      message: `Signed by a CA in your trust store, valid now, for ${state.scenario.world.clientTypes}.`,
    });
  return { checks, presentedName: validation.leaf?.subjectCN ?? '?' };
}

/** A certificate a party holds and may present. */
export function pocketCertificate(state: TableState, party: Party, id: string): Item | undefined {
  return state.pockets[party].find((i) => i.id === id && i.kind === 'certificate');
}

export const fingerprint = (b: Uint8Array) => bytesToHex(b).slice(0, 16);
