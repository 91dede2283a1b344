/** What the classic TLS 1.2 stacks do when a handshake envelope arrives, with the real crypto. @module */

import { expectMessage, handshakeMessagesOf, parseRecords } from '../../tls12/handshake.ts';
import {
  type ClientAwaitingServerFinished,
  type ClientAwaitingServerHello,
  readServerFinished,
  readServerHello,
} from '../../tls12/handshakeClient.ts';
import { parseCertificate } from '../../x509/certificate.ts';
import { subjectPublicKeyBits } from '../../x509/keys.ts';
import { give, log } from '../context.ts';
import { answerFinished, openKeyExchange } from '../moves/handshake12.ts';
import { inspectCertificate } from '../moves/handshake13.ts';
import type { ConnId, Envelope, Party, TableState } from '../state.ts';
import { endpoint, setConnection, setEndpoint, slot } from '../world/sessions.ts';

/** Throws a TLS 1.2 error when the bytes do not check out; `receive` turns it into an alert and an abort. */
export function receiveHandshake12(state: TableState, envelope: Envelope, recipient: Party, conn: ConnId): void {
  const toServerSide = recipient === 'server' || recipient === 'eavesdropper' ? recipient : null;
  if (envelope.kind === 'client-hello' && recipient === 'server') {
    slot(state, 'server', conn).inbox.clientHello = envelope.records;
    const hello = expectMessage(handshakeMessagesOf(parseRecords(envelope.records))[0], 'client_hello');
    give(state, 'server', {
      id: 'client-random',
      kind: 'random',
      label: 'The client random (32 bytes, read in the clear)',
      secret: false,
      bytes: hello.random,
    });
  } else if (envelope.kind === 'server-flight-tls12' && recipient === 'client') {
    readCertificate(state, conn, envelope.records);
  } else if (envelope.kind === 'client-key-exchange' && toServerSide) {
    openKeyExchange(state, toServerSide, conn, envelope.records);
  } else if (envelope.kind === 'finished-tls12' && envelope.from === 'client' && toServerSide) {
    slot(state, toServerSide, conn).inbox.clientFinished = envelope.records;
    // An impostor's stack answers by itself; the real server derives its keys as its own step.
    if (toServerSide === 'eavesdropper') answerFinished(state, 'eavesdropper', conn);
  } else if (envelope.kind === 'finished-tls12' && recipient === 'client') {
    const waiting = endpoint<ClientAwaitingServerFinished>(state, 'client', conn);
    if (waiting?.phase !== 'client_wait_server_finished') return;
    const connection = readServerFinished(waiting, envelope.records);
    setEndpoint(state, 'client', conn, null);
    setConnection(state, 'client', conn, { version: 'tls12', connection });
    log(state, 'client', 'The server’s Finished checked out: whoever answered opened the pre-master secret.');
  }
}

/** The client reads ServerHello, Certificate, ServerHelloDone and checks the certificate it was shown. */
function readCertificate(state: TableState, conn: ConnId, records: Uint8Array[]): void {
  const waiting = endpoint<ClientAwaitingServerHello>(state, 'client', conn);
  if (waiting?.phase !== 'client_wait_server_hello') return;
  const read = readServerHello(waiting, records);
  setEndpoint(state, 'client', conn, read);
  give(state, 'client', {
    id: 'server-random',
    kind: 'random',
    label: 'The server random (32 bytes, read in the clear)',
    secret: false,
    bytes: read.serverRandom,
  });
  const { checks, presentedName } = inspectCertificate(state, read.certificates);
  const leaf = parseCertificate(read.certificates[0]!);
  give(state, 'client', {
    id: 'server-public-key',
    kind: 'public-key',
    label: `The public key inside the presented certificate (${leaf.publicKey.algorithm})`,
    secret: false,
    bytes: subjectPublicKeyBits(leaf.publicKey),
  });
  state.validation = {
    certificateId: 'presented-certificate',
    presentedName,
    expectedName: state.scenario.world.clientTypes,
    checks,
  };
}
