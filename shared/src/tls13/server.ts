/** TLS 1.3 server, one step per flight, state as plain data: RFC 8446 §2, §4.1.1, §4.1.3, §4.4, §9.2 @module */
import { ArgumentError, abytes, concatBytes, equalBytes } from '../bytes/bytes.ts';
import { ed25519Sign } from '../crypto/primitives.ts';
import type { Rng } from '../rng/rng.ts';
import { type Connection, newConnection } from './connection.ts';
import {
  type CipherSuite,
  DOWNGRADE_TLS12,
  isGameCipherSuite,
  KEY_LENGTH,
  NamedGroup,
  SignatureScheme,
  TLS_RSA_WITH_AES_128_GCM_SHA256,
  TLS12,
  TLS13,
} from './constants.ts';
import { TlsError } from './errors.ts';
import { serverKeyShareExtension, serverNameExtension, serverSupportedVersionsExtension } from './extensions.ts';
import {
  openHandshakeMessages,
  plaintextHandshakeRecords,
  type RecordInput,
  readPlaintextHandshake,
  sealHandshakeMessages,
} from './flight.ts';
import { x25519KeyPair, x25519Shared } from './keyExchange.ts';
import {
  applicationSecrets,
  finishedVerifyData,
  handshakeSecrets,
  trafficKeys,
  transcriptHash,
} from './keySchedule.ts';
import {
  type ClientHello,
  certificateVerifyContent,
  encodeCertificate,
  encodeCertificateVerify,
  encodeEncryptedExtensions,
  encodeFinished,
  encodeServerHello,
  parseClientHello,
  parseFinished,
} from './messages.ts';

export interface ServerConfig {
  /** DER certificates, leaf first. The TLS layer treats them as opaque bytes. */
  certificateChainDer: readonly Uint8Array[];
  /** The leaf's Ed25519 private key (32-byte seed). */
  signingKey: Uint8Array;
  /** Suites the server accepts, in its order of preference. */
  cipherSuites: readonly CipherSuite[];
  /** Answer a ClientHello without TLS 1.3 with a TLS 1.2 ServerHello (which carries the §4.1.3 sentinel). */
  supportsTls12Fallback?: boolean;
}

/** After the server's flight: waits for the client Finished. */
export interface ServerWaitClientFinished {
  role: 'server';
  phase: 'WAIT_CLIENT_FINISHED';
  cipherSuite: CipherSuite;
  serverName: string | undefined;
  /** ClientHello … server Finished. */
  transcript: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
}

/** The client offered no TLS 1.3; the server answered with a TLS 1.2 ServerHello and the game stops there. */
export interface ServerDowngraded {
  role: 'server';
  phase: 'DOWNGRADED_TLS12';
  serverName: string | undefined;
  clientHello: Uint8Array;
  serverHello: Uint8Array;
}

export interface ServerConnected {
  role: 'server';
  phase: 'CONNECTED';
  cipherSuite: CipherSuite;
  serverName: string | undefined;
  transcript: Uint8Array;
}

export type ServerState = ServerWaitClientFinished | ServerDowngraded | ServerConnected;

export interface ServerFlight {
  state: ServerWaitClientFinished | ServerDowngraded;
  /** ServerHello in the clear, then (TLS 1.3) one protected record per message. */
  records: Uint8Array[];
  /** The handshake messages those records carry, for the inspector: ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished. */
  messages: Uint8Array[];
}

function checkConfig(config: ServerConfig): void {
  if (!config || !Array.isArray(config.certificateChainDer) || config.certificateChainDer.length === 0)
    throw new ArgumentError('certificateChainDer: at least one DER certificate');
  for (const [i, der] of config.certificateChainDer.entries()) abytes(der, undefined, `certificateChainDer[${i}]`);
  abytes(config.signingKey, 32, 'signingKey');
  if (config.cipherSuites.length === 0 || !config.cipherSuites.every(isGameCipherSuite))
    throw new ArgumentError('cipherSuites: a non-empty subset of [0x1301, 0x1303]');
}

/** The ClientHello from records (0x16…) or a bare handshake message (0x01…). */
function readClientHello(input: RecordInput): ClientHello {
  const isMessage = input instanceof Uint8Array && input.length > 0 && input[0] === 1;
  const messages = isMessage ? [input] : readPlaintextHandshake(input, 'ClientHello');
  if (messages.length !== 1) throw new TlsError('UNEXPECTED_MESSAGE', 'Expected one ClientHello and nothing else.');
  return parseClientHello(messages[0]!);
}

const missing = (name: string): TlsError =>
  new TlsError('MISSING_EXTENSION', `The ClientHello offers TLS 1.3 but has no ${name} extension (§9.2).`);

/** §4.1.3: a TLS 1.2 ServerHello from a 1.3-capable server, its random ending in "DOWNGRD" 01. */
function downgradedFlight(rng: Rng, ch: ClientHello): ServerFlight {
  const message = encodeServerHello({
    legacyVersion: TLS12,
    random: concatBytes(rng.bytes(24), DOWNGRADE_TLS12),
    legacySessionIdEcho: ch.legacySessionId,
    // The game's TLS 1.2 suite (RFC 5288); a real server would need the client to have offered it.
    cipherSuite: TLS_RSA_WITH_AES_128_GCM_SHA256,
    legacyCompressionMethod: 0,
    extensions: undefined,
  });
  return {
    state: {
      role: 'server',
      phase: 'DOWNGRADED_TLS12',
      serverName: ch.serverName,
      clientHello: ch.raw,
      serverHello: message,
    },
    records: plaintextHandshakeRecords(message),
    messages: [message],
  };
}

/**
 * Answers a ClientHello (§4.1.1): picks the first of the server's suites the client offers, checks the x25519
 * key share and Ed25519 support, and returns ServerHello in the clear followed by EncryptedExtensions,
 * Certificate, CertificateVerify and Finished sealed under the server handshake keys (§2).
 */
export function serverRespond(rng: Rng, config: ServerConfig, clientHelloInput: RecordInput): ServerFlight {
  checkConfig(config);
  const ch = readClientHello(clientHelloInput);
  const versions = ch.supportedVersions;
  if (!versions?.includes(TLS13)) {
    if (config.supportsTls12Fallback && (versions ? versions.includes(TLS12) : ch.legacyVersion >= TLS12))
      return downgradedFlight(rng, ch);
    throw new TlsError(
      'PROTOCOL_VERSION',
      'The ClientHello does not offer TLS 1.3, and this server speaks nothing older.',
    );
  }
  if (ch.legacyCompressionMethods.length !== 1 || ch.legacyCompressionMethods[0] !== 0)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      'A TLS 1.3 ClientHello must offer exactly the null compression method (§4.1.2).',
    );
  const cipherSuite = config.cipherSuites.find((s) => ch.cipherSuites.includes(s));
  if (cipherSuite === undefined)
    throw new TlsError('HANDSHAKE_FAILURE', 'The client and server have no cipher suite in common.');
  if (!ch.signatureAlgorithms) throw missing('signature_algorithms');
  if (!ch.signatureAlgorithms.includes(SignatureScheme.ed25519))
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      "The client does not accept Ed25519 signatures, the only kind this server's certificate makes.",
    );
  if (!ch.supportedGroups) throw missing('supported_groups');
  if (!ch.keyShares) throw missing('key_share');
  for (const share of ch.keyShares)
    if (!ch.supportedGroups.includes(share.group))
      throw new TlsError(
        'ILLEGAL_PARAMETER',
        'The ClientHello has a key share for a group it does not list in supported_groups (§4.2.8).',
      );
  const clientShare = ch.keyShares.find((s) => s.group === NamedGroup.x25519);
  if (!clientShare)
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      ch.supportedGroups.includes(NamedGroup.x25519)
        ? 'The client sent no x25519 key share; a HelloRetryRequest would be needed, which this game does not do.'
        : 'The client does not support x25519, the only group this server uses.',
    );

  const share = x25519KeyPair(rng);
  const shared = x25519Shared(share.privateKey, clientShare.keyExchange);
  const serverHello = encodeServerHello({
    legacyVersion: TLS12,
    random: rng.bytes(32),
    legacySessionIdEcho: ch.legacySessionId,
    cipherSuite,
    legacyCompressionMethod: 0,
    extensions: [
      serverKeyShareExtension({ group: NamedGroup.x25519, keyExchange: share.publicKey }),
      serverSupportedVersionsExtension(TLS13),
    ],
  });
  const hs = handshakeSecrets(shared, concatBytes(ch.raw, serverHello));
  // RFC 6066 §3: an empty server_name in EncryptedExtensions says the name was used.
  const encryptedExtensions = encodeEncryptedExtensions(ch.serverName ? [serverNameExtension('')] : []);
  const certificate = encodeCertificate(config.certificateChainDer);
  const toCertificate = concatBytes(ch.raw, serverHello, encryptedExtensions, certificate);
  const signature = ed25519Sign(certificateVerifyContent(transcriptHash(toCertificate), 'server'), config.signingKey);
  const certificateVerify = encodeCertificateVerify(SignatureScheme.ed25519, signature);
  const toCertificateVerify = concatBytes(toCertificate, certificateVerify);
  const finished = encodeFinished(finishedVerifyData(hs.serverHandshakeTrafficSecret, toCertificateVerify));
  const transcript = concatBytes(toCertificateVerify, finished);
  const ap = applicationSecrets(hs.handshakeSecret, transcript);

  const flight = [encryptedExtensions, certificate, certificateVerify, finished];
  const keys = trafficKeys(hs.serverHandshakeTrafficSecret, KEY_LENGTH[cipherSuite]);
  const sealed = sealHandshakeMessages(keys, cipherSuite, 0, flight);
  return {
    state: {
      role: 'server',
      phase: 'WAIT_CLIENT_FINISHED',
      cipherSuite,
      serverName: ch.serverName,
      transcript,
      clientHandshakeTrafficSecret: hs.clientHandshakeTrafficSecret,
      clientApplicationTrafficSecret: ap.clientApplicationTrafficSecret,
      serverApplicationTrafficSecret: ap.serverApplicationTrafficSecret,
    },
    records: [...plaintextHandshakeRecords(serverHello), ...sealed.records],
    messages: [serverHello, ...flight],
  };
}

/** §4.4.4: opens the client Finished with the client handshake keys and checks it (failure: BAD_FINISHED). */
export function serverReadClientFinished(
  state: ServerWaitClientFinished,
  records: RecordInput,
): { state: ServerConnected; connection: Connection } {
  if (state?.role !== 'server' || state.phase !== 'WAIT_CLIENT_FINISHED')
    throw new ArgumentError(
      `state: expected a server in phase WAIT_CLIENT_FINISHED, got ${state?.role} ${state?.phase}`,
    );
  const keys = trafficKeys(state.clientHandshakeTrafficSecret, KEY_LENGTH[state.cipherSuite]);
  const { messages } = openHandshakeMessages(keys, state.cipherSuite, 0, records, 'the client Finished');
  if (messages.length !== 1)
    throw new TlsError('UNEXPECTED_MESSAGE', `Expected only the client Finished, got ${messages.length} messages.`);
  const finished = parseFinished(messages[0]!);
  if (!equalBytes(finished.verifyData, finishedVerifyData(state.clientHandshakeTrafficSecret, state.transcript)))
    throw new TlsError(
      'BAD_FINISHED',
      "The client's Finished does not match our transcript: the handshake was altered on the way.",
    );
  return {
    state: {
      role: 'server',
      phase: 'CONNECTED',
      cipherSuite: state.cipherSuite,
      serverName: state.serverName,
      transcript: concatBytes(state.transcript, finished.raw),
    },
    connection: newConnection(
      'server',
      state.cipherSuite,
      state.clientApplicationTrafficSecret,
      state.serverApplicationTrafficSecret,
    ),
  };
}
