/** What happens when an envelope arrives: the recipient's protocol stack reacts with the real crypto. @module */
import { type ClientState, clientReadServerHello } from '../../tls13/client.ts';
import { parseClientHello } from '../../tls13/messages.ts';
import { splitRecords } from '../../tls13/record.ts';
import { type ServerState, serverReadClientFinished } from '../../tls13/server.ts';
import { give, log } from '../context.ts';
import { envelopeLabel } from '../envelopes.ts';
import { tlsFailure } from '../moves/handshake13.ts';
import { award, POINTS } from '../scoring.ts';
import type { ConnId, Envelope, Party, TableState } from '../state.ts';
import { RELAY } from '../world/connections.ts';
import { bodyOf } from '../world/http.ts';
import { abortConnection, endRound } from '../world/roundEnd.ts';
import { endpoint, liveConnection, openAllData, setConnection, setEndpoint, slot } from '../world/sessions.ts';
import { alertFor, sendFatalAlert } from './alert.ts';
import { receiveHandshake12 } from './receive12.ts';
import { relayData, relayHandshake } from './relay.ts';

/** The recipient reacts to an envelope that reached it; one the eavesdropper still holds has not arrived yet. */
export function receive(state: TableState, envelope: Envelope): void {
  if (envelope.status !== 'delivered') return;
  if (envelope.channel !== 'wire' || envelope.layer === 'tcp') return;
  if (envelope.kind === 'client-hello' && envelope.sentBy === 'client') noteSni(state);
  // Plain http has no stack to react; a fatal alert closes a connection the sender already gave up on.
  if (envelope.layer === 'http' || envelope.kind === 'alert') return;
  const conn = envelope.conn ?? 'main';
  // On each half of a man in the middle, the eavesdropper is the real recipient of what the other side sends.
  const recipient =
    (conn === 'mitm-client' && envelope.to === 'server') || (conn === RELAY && envelope.to === 'client')
      ? 'eavesdropper'
      : envelope.to;
  try {
    if (envelope.locks.includes('application-keys'))
      receiveApplicationData(
        state,
        envelope,
        recipient === 'server' ? 'server' : recipient === 'client' ? 'client' : 'eavesdropper',
        conn,
      );
    else if (conn === RELAY && recipient === 'eavesdropper') relayHandshake(state, envelope);
    else if (state.mode === 'tls13') receiveHandshake13(state, envelope, recipient, conn);
    else receiveHandshake12(state, envelope, recipient, conn);
  } catch (error) {
    const detectedBy = recipient === 'eavesdropper' ? null : recipient;
    if (detectedBy === 'server' && envelope.interference)
      award(
        state,
        'server',
        POINTS.serverDetectedTampering,
        `Detected a changed or replayed envelope (${envelopeLabel(envelope)}).`,
      );
    sendFatalAlert(state, recipient, conn, alertFor(error));
    abortConnection(
      state,
      `${envelopeLabel(envelope)} was rejected by the ${recipient}: ${tlsFailure(error)}.`,
      detectedBy,
    );
  }
}

function receiveHandshake13(state: TableState, envelope: Envelope, recipient: Party, conn: ConnId): void {
  if (envelope.kind === 'client-hello' && recipient === 'server') {
    slot(state, 'server', conn).inbox.clientHello = envelope.records;
    const hello = parseClientHello(splitRecords(envelope.records[0]!)[0]!.fragment);
    give(state, 'server', {
      id: 'client-key-share-received',
      kind: 'key-share-public',
      label: 'The client’s key share (x25519, public)',
      secret: false,
      bytes: hello.keyShares?.[0]?.keyExchange ?? new Uint8Array(),
    });
  } else if (envelope.kind === 'server-hello' && recipient === 'client') {
    const waiting = endpoint<ClientState>(state, 'client', conn);
    if (waiting?.phase !== 'WAIT_SERVER_HELLO') return;
    const read = clientReadServerHello(waiting, envelope.records);
    setEndpoint(state, 'client', conn, read.state);
    give(state, 'client', {
      id: 'server-key-share',
      kind: 'key-share-public',
      label: 'The server’s key share (x25519, public)',
      secret: false,
      bytes: read.serverHello.keyShare?.keyExchange ?? new Uint8Array(),
    });
  } else if (envelope.kind === 'server-flight-tls13' && recipient === 'client') {
    slot(state, 'client', conn).inbox.serverFlight = envelope.records;
  } else if (envelope.kind === 'client-finished-tls13' && envelope.from === 'client') {
    const party = recipient === 'eavesdropper' ? 'eavesdropper' : 'server';
    const waiting = endpoint<ServerState>(state, party, conn);
    if (waiting?.phase !== 'WAIT_CLIENT_FINISHED') return;
    const done = serverReadClientFinished(waiting, envelope.records);
    setEndpoint(state, party, conn, done.state);
    setConnection(state, party, conn, { version: 'tls13', connection: done.connection });
  }
}

function noteSni(state: TableState): void {
  if (!state.outcome.sniSeenBy.includes('eavesdropper')) state.outcome.sniSeenBy.push('eavesdropper');
  log(
    state,
    'eavesdropper',
    `The eavesdropper read the server name in the ClientHello: ${state.scenario.world.clientTypes}.`,
    ['eavesdropper'],
  );
}

function receiveApplicationData(
  state: TableState,
  envelope: Envelope,
  party: 'client' | 'server' | 'eavesdropper',
  conn: ConnId,
): void {
  const connection = liveConnection(state, party, conn);
  if (!connection) return;
  // A TLS 1.3 server's reply carries a NewSessionTicket first: the client's stack keeps it (RFC 8446 §4.6.1).
  const opened = openAllData(connection, envelope.records);
  slot(state, party, conn).live = opened.app;
  if (party === 'eavesdropper' && conn === RELAY) {
    // The real server's reply, opened with the relay's keys: pass it on to the client.
    relayData(state, RELAY, opened.plaintext, 'reply');
    return;
  }
  if (party === 'eavesdropper') {
    state.outcome.secretReadBy.push('eavesdropper');
    give(state, 'eavesdropper', {
      id: 'stolen-login',
      kind: 'login-secret',
      label: 'The client’s login, decrypted with the keys you share with it',
      secret: true,
      bytes: bodyOf(opened.plaintext),
    });
    log(state, 'eavesdropper', 'The eavesdropper, holding the client’s session keys, opened the login.', [
      'eavesdropper',
    ]);
    if (!relayData(state, conn, opened.plaintext, 'login')) endRound(state);
    return;
  }
  if (party === 'client') {
    state.outcome.sessionCompleted = true;
    state.outcome.replyDelivered = true;
    log(state, 'client', 'The client opened the server’s reply: the session is complete.');
    endRound(state);
  } else {
    give(state, 'server', {
      id: 'received-login',
      kind: 'login-secret',
      label: 'The client’s login, opened with the session keys',
      secret: true,
      bytes: bodyOf(opened.plaintext),
    });
    log(state, 'server', 'The server opened the client’s login.', ['server']);
  }
}
