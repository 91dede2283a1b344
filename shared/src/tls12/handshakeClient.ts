/** TLS 1.2 RSA handshake, client side: ClientHello, ClientKeyExchange, Finished. RFC 5246 §7.4.1.2, §7.4.7, §7.4.9 @module */
import { ArgumentError, concatBytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { Tls12Error } from './errors.ts';
import {
  EXTENSION_TYPE,
  type Extension,
  isInitialRenegotiationInfo,
  renegotiationInfoExtension,
  serverNameExtension,
  signatureAlgorithmsExtension,
} from './extensions.ts';
import {
  expectMessage,
  expectNoMore,
  type Flight,
  handshakeMessagesOf,
  parseRecords,
  readFinished,
  splitAtChangeCipherSpec,
  type Tls12Connection,
  unexpected,
} from './handshake.ts';
import {
  CHANGE_CIPHER_SPEC,
  type ClientHello,
  COMPRESSION_NULL,
  encodeHandshakeMessage,
  RANDOM_LENGTH,
  TLS_RSA_WITH_AES_128_GCM_SHA256,
  TLS12_VERSION,
} from './messages.ts';
import { tls12KeyBlock, tls12MasterSecret, tls12VerifyData } from './prf.ts';
import { encodeRecord, encodeRecords, type RecordProtection, sealRecord } from './record.ts';
import { createPreMasterSecret, encryptPreMasterSecret, type RsaPublicKey } from './rsaKeyTransport.ts';

/** After ClientHello. */
export interface ClientAwaitingServerHello {
  phase: 'client_wait_server_hello';
  clientRandom: Uint8Array;
  offeredExtensions: number[];
  /** handshake_messages so far (§7.4.9). */
  transcript: Uint8Array;
}

/** After ServerHelloDone: the caller checks the certificate and hands over the server's RSA public key. */
export interface ClientAwaitingServerKey {
  phase: 'client_wait_server_key';
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  /** certificate_list as sent, the server's own certificate first: the caller validates it and extracts the RSA key. */
  certificates: Uint8Array[];
  transcript: Uint8Array;
}

/** After the client's Finished. */
export interface ClientAwaitingServerFinished {
  phase: 'client_wait_server_finished';
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  preMasterSecret: Uint8Array;
  masterSecret: Uint8Array;
  transcript: Uint8Array;
  read: RecordProtection;
  write: RecordProtection;
}

export interface ClientHelloOptions {
  /** Sent as server_name (RFC 6066 §3) so the server can pick its certificate. */
  serverName?: string;
}

/**
 * Client: ClientHello offering TLS 1.2 and TLS_RSA_WITH_AES_128_GCM_SHA256 with a fresh random from the Rng
 * (§7.4.1.2), plus the extensions every real TLS 1.2 client sends: signature_algorithms (§7.4.1.4.1) and an
 * empty renegotiation_info (RFC 5746 §3.4) — OpenSSL 3 refuses a peer without them.
 */
export function startClient(rng: Rng, options: ClientHelloOptions = {}): Flight<ClientAwaitingServerHello> {
  const extensions: Extension[] = [signatureAlgorithmsExtension(), renegotiationInfoExtension()];
  if (options.serverName !== undefined) extensions.unshift(serverNameExtension(options.serverName));
  const hello: ClientHello = {
    type: 'client_hello',
    version: TLS12_VERSION,
    random: rng.bytes(RANDOM_LENGTH),
    sessionId: new Uint8Array(0),
    cipherSuites: [TLS_RSA_WITH_AES_128_GCM_SHA256],
    compressionMethods: [COMPRESSION_NULL],
    extensions,
  };
  const message = encodeHandshakeMessage(hello);
  return {
    state: {
      phase: 'client_wait_server_hello',
      clientRandom: hello.random,
      offeredExtensions: hello.extensions.map((e) => e.type),
      transcript: message,
    },
    records: encodeRecords('handshake', message),
  };
}

/** Client: reads ServerHello, Certificate, ServerHelloDone (§7.4.1.3, §7.4.2, §7.4.5). */
export function readServerHello(
  state: ClientAwaitingServerHello,
  records: readonly Uint8Array[],
): ClientAwaitingServerKey {
  if (state?.phase !== 'client_wait_server_hello') throw new ArgumentError('state: expected client_wait_server_hello');
  const messages = handshakeMessagesOf(parseRecords(records));
  const [helloBytes, certificateBytes, doneBytes, ...extra] = messages;
  const hello = expectMessage(helloBytes, 'server_hello');
  if (hello.version !== TLS12_VERSION)
    throw new Tls12Error('PROTOCOL_VERSION', 'The server answered with a version other than TLS 1.2.');
  if (hello.cipherSuite !== TLS_RSA_WITH_AES_128_GCM_SHA256)
    throw new Tls12Error('ILLEGAL_PARAMETER', 'The server chose a cipher suite the client never offered.');
  if (hello.compressionMethod !== COMPRESSION_NULL)
    throw new Tls12Error('ILLEGAL_PARAMETER', 'The server chose compression the client never offered.');
  for (const e of hello.extensions) {
    if (!state.offeredExtensions.includes(e.type))
      throw new Tls12Error(
        'UNSUPPORTED_EXTENSION',
        `The server answered extension ${e.type}, which the client never sent.`,
      );
    if (e.type === EXTENSION_TYPE.renegotiation_info && !isInitialRenegotiationInfo(e))
      throw new Tls12Error(
        'HANDSHAKE_FAILURE',
        'The server treats this first handshake as a renegotiation (RFC 5746 §3.4).',
      );
  }
  const certificate = expectMessage(certificateBytes, 'certificate');
  if (certificate.certificateList.length === 0)
    throw new Tls12Error('HANDSHAKE_FAILURE', 'The server sent no certificate, so there is no key to encrypt to.');
  expectMessage(doneBytes, 'server_hello_done');
  expectNoMore(extra, 'ServerHelloDone');
  return {
    phase: 'client_wait_server_key',
    clientRandom: state.clientRandom,
    serverRandom: hello.random,
    certificates: certificate.certificateList,
    transcript: concatBytes(state.transcript, ...messages),
  };
}

function assertPublicKey(key: RsaPublicKey): void {
  if (key === null || typeof key !== 'object' || typeof key.n !== 'bigint' || typeof key.e !== 'bigint')
    throw new ArgumentError('serverPublicKey: expected { n: bigint, e: bigint }');
}

/**
 * Client: picks the premaster secret, encrypts it to `serverPublicKey` (as the caller extracted it from
 * certificates[0]), derives the keys and sends ClientKeyExchange, ChangeCipherSpec, Finished (§7.4.7, §7.4.9).
 */
export function sendClientKeyExchange(
  rng: Rng,
  state: ClientAwaitingServerKey,
  serverPublicKey: RsaPublicKey,
): Flight<ClientAwaitingServerFinished> {
  if (state?.phase !== 'client_wait_server_key') throw new ArgumentError('state: expected client_wait_server_key');
  assertPublicKey(serverPublicKey);
  const preMasterSecret = createPreMasterSecret(rng, TLS12_VERSION);
  const keyExchange = encodeHandshakeMessage({
    type: 'client_key_exchange',
    encryptedPreMasterSecret: encryptPreMasterSecret(serverPublicKey, preMasterSecret, rng),
  });
  const masterSecret = tls12MasterSecret(preMasterSecret, state.clientRandom, state.serverRandom);
  const keys = tls12KeyBlock(masterSecret, state.clientRandom, state.serverRandom);
  const transcript = concatBytes(state.transcript, keyExchange);
  const finished = encodeHandshakeMessage({
    type: 'finished',
    verifyData: tls12VerifyData(masterSecret, 'client', transcript),
  });
  const sealed = sealRecord({ key: keys.clientWriteKey, salt: keys.clientWriteIv, seq: 0 }, 'handshake', finished);
  return {
    state: {
      phase: 'client_wait_server_finished',
      clientRandom: state.clientRandom,
      serverRandom: state.serverRandom,
      preMasterSecret,
      masterSecret,
      transcript: concatBytes(transcript, finished),
      read: { key: keys.serverWriteKey, salt: keys.serverWriteIv, seq: 0 },
      write: sealed.protection,
    },
    records: [
      ...encodeRecords('handshake', keyExchange),
      encodeRecord('change_cipher_spec', CHANGE_CIPHER_SPEC),
      sealed.record,
    ],
  };
}

/** Client: reads the server's ChangeCipherSpec and Finished; the connection is then open (§7.4.9). */
export function readServerFinished(
  state: ClientAwaitingServerFinished,
  records: readonly Uint8Array[],
): Tls12Connection {
  if (state?.phase !== 'client_wait_server_finished')
    throw new ArgumentError('state: expected client_wait_server_finished');
  const { before, after } = splitAtChangeCipherSpec(records);
  if (before.length > 0) unexpected("The server's last flight must open with ChangeCipherSpec.");
  const expected = tls12VerifyData(state.masterSecret, 'server', state.transcript);
  const { protection } = readFinished(state.read, after, expected, 'server');
  return {
    phase: 'connected',
    role: 'client',
    clientRandom: state.clientRandom,
    serverRandom: state.serverRandom,
    preMasterSecret: state.preMasterSecret,
    masterSecret: state.masterSecret,
    read: protection,
    write: state.write,
  };
}
