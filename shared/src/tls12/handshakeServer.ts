/** TLS 1.2 RSA handshake, server side: ServerHello…ServerHelloDone, then decrypt the premaster secret and Finished. RFC 5246 §7.4.1.3, §7.4.7.1, §7.4.9 @module */
import { ArgumentError, abytes, concatBytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { Tls12Error } from './errors.ts';
import {
  EXTENSION_TYPE,
  type Extension,
  isInitialRenegotiationInfo,
  renegotiationInfoExtension,
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
} from './handshake.ts';
import {
  CHANGE_CIPHER_SPEC,
  type ClientHello,
  COMPRESSION_NULL,
  encodeHandshakeMessage,
  RANDOM_LENGTH,
  TLS_EMPTY_RENEGOTIATION_INFO_SCSV,
  TLS_RSA_WITH_AES_128_GCM_SHA256,
  TLS12_VERSION,
} from './messages.ts';
import { tls12KeyBlock, tls12MasterSecret, tls12VerifyData } from './prf.ts';
import { encodeRecord, encodeRecords, sealRecord } from './record.ts';
import { decryptPreMasterSecret, type RsaPrivateKey, type RsaPublicKey } from './rsaKeyTransport.ts';

/** After ServerHelloDone: the server waits for ClientKeyExchange, ChangeCipherSpec, Finished. */
export interface ServerAwaitingClientKeyExchange {
  phase: 'server_wait_client_key_exchange';
  clientHelloVersion: number;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  privateKey: RsaPrivateKey;
  transcript: Uint8Array;
}

/** What the server brings: its certificate chain (DER, own certificate first) and its RSA key pair. */
export interface Tls12ServerIdentity {
  certificates: Uint8Array[];
  keyPair: { publicKey: RsaPublicKey; privateKey: RsaPrivateKey };
}

function assertIdentity(identity: Tls12ServerIdentity): void {
  if (identity === null || typeof identity !== 'object' || !Array.isArray(identity.certificates as unknown))
    throw new ArgumentError('identity: expected { certificates, keyPair }');
  for (const [i, der] of identity.certificates.entries()) abytes(der, undefined, `identity.certificates[${i}]`);
  if (identity.certificates.length === 0) throw new ArgumentError('identity.certificates: expected at least one');
  const { publicKey, privateKey } = identity.keyPair ?? {};
  if (typeof publicKey?.n !== 'bigint' || typeof privateKey?.d !== 'bigint' || publicKey.n !== privateKey.n)
    throw new ArgumentError('identity.keyPair: expected an RSA key pair sharing one modulus');
}

/**
 * RFC 6066 §3: a server that used server_name answers with an empty one. RFC 5746 §3.6: a client that
 * signals secure renegotiation (extension or SCSV) gets an empty renegotiation_info back.
 */
function serverHelloExtensions(hello: ClientHello): Extension[] {
  const extensions: Extension[] = [];
  if (hello.extensions.some((e) => e.type === EXTENSION_TYPE.server_name))
    extensions.push({ type: EXTENSION_TYPE.server_name, data: new Uint8Array(0) });
  const renegotiation = hello.extensions.find((e) => e.type === EXTENSION_TYPE.renegotiation_info);
  if (renegotiation !== undefined && !isInitialRenegotiationInfo(renegotiation))
    throw new Tls12Error(
      'HANDSHAKE_FAILURE',
      'The client treats this first handshake as a renegotiation (RFC 5746 §3.6).',
    );
  if (renegotiation !== undefined || hello.cipherSuites.includes(TLS_EMPTY_RENEGOTIATION_INFO_SCSV))
    extensions.push(renegotiationInfoExtension());
  return extensions;
}

/**
 * Server: reads ClientHello, answers ServerHello (random from the Rng), Certificate, ServerHelloDone
 * (§7.4.1.3, §7.4.2, §7.4.5). Fails with HANDSHAKE_FAILURE if the client does not offer the one suite it speaks.
 */
export function answerClientHello(
  rng: Rng,
  identity: Tls12ServerIdentity,
  records: readonly Uint8Array[],
): Flight<ServerAwaitingClientKeyExchange> {
  assertIdentity(identity);
  const [helloBytes, ...extra] = handshakeMessagesOf(parseRecords(records));
  const hello = expectMessage(helloBytes, 'client_hello');
  expectNoMore(extra, 'ClientHello');
  if (hello.version < TLS12_VERSION)
    throw new Tls12Error(
      'PROTOCOL_VERSION',
      'The client offers an older TLS version; this server speaks only TLS 1.2.',
    );
  if (!hello.cipherSuites.includes(TLS_RSA_WITH_AES_128_GCM_SHA256))
    throw new Tls12Error(
      'HANDSHAKE_FAILURE',
      'The client offers no cipher suite this server speaks (it only knows TLS_RSA_WITH_AES_128_GCM_SHA256).',
    );
  if (!hello.compressionMethods.includes(COMPRESSION_NULL))
    throw new Tls12Error('ILLEGAL_PARAMETER', 'The client does not offer null compression, which §7.4.1.2 requires.');
  const serverRandom = rng.bytes(RANDOM_LENGTH);
  const messages = [
    encodeHandshakeMessage({
      type: 'server_hello',
      version: TLS12_VERSION,
      random: serverRandom,
      sessionId: new Uint8Array(0),
      cipherSuite: TLS_RSA_WITH_AES_128_GCM_SHA256,
      compressionMethod: COMPRESSION_NULL,
      extensions: serverHelloExtensions(hello),
    }),
    encodeHandshakeMessage({ type: 'certificate', certificateList: identity.certificates.map((c) => c.slice()) }),
    encodeHandshakeMessage({ type: 'server_hello_done' }),
  ];
  return {
    state: {
      phase: 'server_wait_client_key_exchange',
      clientHelloVersion: hello.version,
      clientRandom: hello.random,
      serverRandom,
      privateKey: identity.keyPair.privateKey,
      transcript: concatBytes(helloBytes!, ...messages),
    },
    records: messages.flatMap((m) => encodeRecords('handshake', m)),
  };
}

/**
 * Server: reads ClientKeyExchange, ChangeCipherSpec, Finished; recovers the premaster secret (a bad one
 * is replaced by a random one, §7.4.7.1, so the failure shows at Finished); answers ChangeCipherSpec, Finished.
 */
export function answerClientFinished(
  rng: Rng,
  state: ServerAwaitingClientKeyExchange,
  records: readonly Uint8Array[],
): Flight<Tls12Connection> {
  if (state?.phase !== 'server_wait_client_key_exchange')
    throw new ArgumentError('state: expected server_wait_client_key_exchange');
  const { before, after } = splitAtChangeCipherSpec(records);
  const [keyExchangeBytes, ...extra] = handshakeMessagesOf(before);
  const keyExchange = expectMessage(keyExchangeBytes, 'client_key_exchange');
  expectNoMore(extra, 'ClientKeyExchange');
  const preMasterSecret = decryptPreMasterSecret(
    state.privateKey,
    keyExchange.encryptedPreMasterSecret,
    state.clientHelloVersion,
    rng,
  );
  const masterSecret = tls12MasterSecret(preMasterSecret, state.clientRandom, state.serverRandom);
  const keys = tls12KeyBlock(masterSecret, state.clientRandom, state.serverRandom);
  const transcript = concatBytes(state.transcript, keyExchangeBytes!);
  const client = readFinished(
    { key: keys.clientWriteKey, salt: keys.clientWriteIv, seq: 0 },
    after,
    tls12VerifyData(masterSecret, 'client', transcript),
    'client',
  );
  const fullTranscript = concatBytes(transcript, client.message);
  const finished = encodeHandshakeMessage({
    type: 'finished',
    verifyData: tls12VerifyData(masterSecret, 'server', fullTranscript),
  });
  const sealed = sealRecord({ key: keys.serverWriteKey, salt: keys.serverWriteIv, seq: 0 }, 'handshake', finished);
  return {
    state: {
      phase: 'connected',
      role: 'server',
      clientRandom: state.clientRandom,
      serverRandom: state.serverRandom,
      preMasterSecret,
      masterSecret,
      read: client.protection,
      write: sealed.protection,
    },
    records: [encodeRecord('change_cipher_spec', CHANGE_CIPHER_SPEC), sealed.record],
  };
}
