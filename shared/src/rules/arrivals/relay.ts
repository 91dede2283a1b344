/** The impersonating eavesdropper relays to the real server: its own client stack on the second half of the man in the middle. @module */
import {
  type ClientAwaitingServerFinished,
  type ClientAwaitingServerHello,
  readServerFinished,
  readServerHello,
  sendClientKeyExchange,
  startClient,
} from '../../tls12/handshakeClient.ts';
import {
  type ClientState,
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientVerifyServer,
} from '../../tls13/client.ts';
import { parseCertificate } from '../../x509/certificate.ts';
import { log, moveRng, send } from '../context.ts';
import type { Lock, MessageKind } from '../envelopes.ts';
import { award, POINTS } from '../scoring.ts';
import type { ConnId, Envelope, TableState } from '../state.ts';
import { isTls13Suite, RELAY, SUITE_CODES } from '../world/connections.ts';
import { endpoint, liveConnection, sealMessage, setConnection, setEndpoint, slot } from '../world/sessions.ts';

/**
 * An envelope the eavesdropper puts on one half of the man in the middle, dressed as the party it
 * impersonates there: as the server towards the client (`mitm-client`), as the client towards the server.
 */
export function sendForged(
  state: TableState,
  half: 'mitm-client' | 'mitm-server',
  kind: MessageKind,
  records: Uint8Array[],
  locks: (Lock | null)[],
  about: string | null = null,
): Envelope {
  const toClient = half === 'mitm-client';
  return send(state, {
    channel: 'wire',
    conn: half,
    from: toClient ? 'server' : 'client',
    to: toClient ? 'client' : 'server',
    sentBy: 'eavesdropper',
    kind,
    about,
    layer: 'tls',
    records,
    locks,
    interference: 'forged',
  });
}

const sendAsClient = (state: TableState, kind: MessageKind, records: Uint8Array[], locks: (Lock | null)[]) =>
  sendForged(state, RELAY, kind, records, locks);

/** The eavesdropper's own ClientHello to the real server, sent when it starts impersonating. */
export function openRelay(state: TableState): void {
  const rng = moveRng(state, 'relay-client-hello');
  const serverName = state.scenario.world.siteName;
  let records: Uint8Array[];
  if (state.mode === 'tls13') {
    const suites = (state.choices.clientSuites ?? []).filter(isTls13Suite);
    const hello = clientHello(rng, {
      serverName,
      cipherSuites: suites.length > 0 ? suites.map((s) => SUITE_CODES[s]) : undefined,
    });
    setEndpoint(state, 'eavesdropper', RELAY, hello.state);
    records = [hello.record];
  } else {
    const hello = startClient(rng, { serverName });
    setEndpoint(state, 'eavesdropper', RELAY, hello.state);
    records = hello.records;
  }
  log(
    state,
    'eavesdropper',
    `The eavesdropper opened its own connection to the real ${serverName}, posing as the client.`,
    ['eavesdropper'],
  );
  sendAsClient(
    state,
    'client-hello',
    records,
    records.map(() => null),
  );
}

/** The eavesdropper's client stack on the relay half reacts to what the real server sent. Throws on bad bytes. */
export function relayHandshake(state: TableState, envelope: Envelope): void {
  if (state.mode === 'tls13') relayHandshake13(state, envelope);
  else relayHandshake12(state, envelope);
}

function relayHandshake13(state: TableState, envelope: Envelope): void {
  const waiting = endpoint<ClientState>(state, 'eavesdropper', RELAY);
  if (envelope.kind === 'server-hello' && waiting?.phase === 'WAIT_SERVER_HELLO') {
    setEndpoint(state, 'eavesdropper', RELAY, clientReadServerHello(waiting, envelope.records).state);
  } else if (envelope.kind === 'server-flight-tls13' && waiting?.phase === 'WAIT_SERVER_FLIGHT') {
    const read = clientReadServerFlight(waiting, envelope.records);
    const leaf = parseCertificate(read.certificateChain[0]!);
    if (leaf.publicKey.algorithm !== 'Ed25519') throw new Error('The real server’s certificate has no Ed25519 key.');
    const finished = clientFinish(clientVerifyServer(read.state, leaf.publicKey.key).state);
    setEndpoint(state, 'eavesdropper', RELAY, finished.state);
    setConnection(state, 'eavesdropper', RELAY, { version: 'tls13', connection: finished.connection });
    sendAsClient(state, 'client-finished-tls13', [finished.record], ['handshake-keys']);
  }
}

function relayHandshake12(state: TableState, envelope: Envelope): void {
  if (envelope.kind === 'server-flight-tls12') {
    const waiting = endpoint<ClientAwaitingServerHello>(state, 'eavesdropper', RELAY);
    if (waiting?.phase !== 'client_wait_server_hello') return;
    const read = readServerHello(waiting, envelope.records);
    const leaf = parseCertificate(read.certificates[0]!);
    if (leaf.publicKey.algorithm !== 'RSA') throw new Error('The real server’s certificate has no RSA key.');
    // Locked to the real server's key, as an honest client would: the eavesdropper is a client here.
    const flight = sendClientKeyExchange(moveRng(state, 'relay-key-exchange'), read, leaf.publicKey.key);
    setEndpoint(state, 'eavesdropper', RELAY, flight.state);
    const keyExchange = flight.records.slice(0, -2);
    sendAsClient(
      state,
      'client-key-exchange',
      keyExchange,
      keyExchange.map(() => null),
    );
    sendAsClient(state, 'finished-tls12', flight.records.slice(-2), [null, 'session-keys']);
  } else if (envelope.kind === 'finished-tls12') {
    const waiting = endpoint<ClientAwaitingServerFinished>(state, 'eavesdropper', RELAY);
    if (waiting?.phase !== 'client_wait_server_finished') return;
    const connection = readServerFinished(waiting, envelope.records);
    setEndpoint(state, 'eavesdropper', RELAY, null);
    setConnection(state, 'eavesdropper', RELAY, { version: 'tls12', connection });
  }
}

/**
 * Re-seals what the eavesdropper opened on one half for the other half, so neither side notices:
 * the client's login goes on to the server, the server's reply back to the client.
 * Returns false when there is no relay connection to pass it on.
 */
export function relayData(state: TableState, from: ConnId, plaintext: Uint8Array, kind: 'login' | 'reply'): boolean {
  const to = from === RELAY ? 'mitm-client' : RELAY;
  const connection = liveConnection(state, 'eavesdropper', to);
  if (!connection) return false;
  // Towards the client the eavesdropper is the server: its stack sends a ticket with the reply, as the real one did.
  const sealed = sealMessage(
    connection,
    plaintext,
    to === 'mitm-client' ? moveRng(state, 'relay-session-ticket') : undefined,
  );
  slot(state, 'eavesdropper', to).live = sealed.app;
  const envelope = sendForged(
    state,
    to,
    kind,
    sealed.records,
    sealed.records.map(() => 'application-keys'),
  );
  for (const [i, seq] of sealed.seqs.entries()) state.recordSeqs[`${envelope.id}:${i}`] = seq;
  if (to === 'mitm-client')
    award(state, 'eavesdropper', POINTS.eavesdropperUnnoticed, 'Relayed the whole session: neither side noticed you.');
  log(
    state,
    'eavesdropper',
    to === RELAY
      ? 'The eavesdropper re-sealed the login with its own keys and passed it on to the real server.'
      : 'The eavesdropper re-sealed the server’s reply for the client, who suspects nothing.',
    ['eavesdropper'],
  );
  return true;
}
