/** TLS 1.3 server, one step per flight, state as plain data: RFC 8446 §2, §4.1.1, §4.1.3, §4.1.4, §4.4, §9.2 @module */
import { ArgumentError, abytes, concatBytes, equalBytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { type Connection, newConnection } from './connection.ts';
import {
  type CipherSuite,
  DOWNGRADE_TLS12,
  groupName,
  HELLO_RETRY_REQUEST_RANDOM,
  isGameCipherSuite,
  KEY_LENGTH,
  NamedGroup,
  signatureSchemeName,
  TLS_RSA_WITH_AES_128_GCM_SHA256,
  TLS12,
  TLS13,
} from './constants.ts';
import { TlsError } from './errors.ts';
import {
  helloRetryKeyShareExtension,
  type KeyShareEntry,
  serverKeyShareExtension,
  serverNameExtension,
  serverSupportedVersionsExtension,
} from './extensions.ts';
import {
  openHandshakeMessages,
  plaintextHandshakeRecords,
  type RecordInput,
  readPlaintextHandshake,
  sealHandshakeMessages,
} from './flight.ts';
import { isKeyShareGroup, type KeyShareGroup, keySharePair, sharedSecret } from './keyExchange.ts';
import {
  applicationSecrets,
  finishedVerifyData,
  handshakeSecrets,
  messageHash,
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
import { assertSigningKey, type SigningKey, schemeOfSigningKey, signContent } from './signatures.ts';

export interface ServerConfig {
  /** DER certificates, leaf first. The TLS layer treats them as opaque bytes. */
  certificateChainDer: readonly Uint8Array[];
  /** The leaf's private key: a 32-byte Ed25519 seed, or `{ algorithm: 'Ed25519' | 'ECDSA-P256', privateKey }`. */
  signingKey: SigningKey;
  /** Suites the server accepts, in its order of preference. */
  cipherSuites: readonly CipherSuite[];
  /** Groups the server accepts, in its order of preference (§4.2.7). Default [x25519, secp256r1]. */
  groups?: readonly KeyShareGroup[];
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
  /** Kept for a key log (SERVER_HANDSHAKE_TRAFFIC_SECRET): the server's flight was sealed with it. */
  serverHandshakeTrafficSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
}

/** The server sent a HelloRetryRequest (§4.1.4) and waits for the second ClientHello. */
export interface ServerWaitRetriedHello {
  role: 'server';
  phase: 'WAIT_RETRIED_CLIENT_HELLO';
  serverName: string | undefined;
  cipherSuite: CipherSuite;
  selectedGroup: KeyShareGroup;
  /** The first ClientHello, which the second must repeat but for key_share and cookie. */
  clientHello1: Uint8Array;
  /** message_hash(ClientHello1) ‖ HelloRetryRequest: where the transcript starts (§4.4.1). */
  transcriptPrefix: Uint8Array;
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

export type ServerState = ServerWaitClientFinished | ServerWaitRetriedHello | ServerDowngraded | ServerConnected;

export interface ServerFlight {
  state: ServerWaitClientFinished | ServerWaitRetriedHello | ServerDowngraded;
  /** ServerHello (or HelloRetryRequest) in the clear, then (TLS 1.3) one protected record per message. */
  records: Uint8Array[];
  /** The handshake messages those records carry, for the inspector: ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished. */
  messages: Uint8Array[];
}

const DEFAULT_GROUPS: readonly KeyShareGroup[] = [NamedGroup.x25519, NamedGroup.secp256r1];

function checkConfig(config: ServerConfig): void {
  if (!config || !Array.isArray(config.certificateChainDer) || config.certificateChainDer.length === 0)
    throw new ArgumentError('certificateChainDer: at least one DER certificate');
  for (const [i, der] of config.certificateChainDer.entries()) abytes(der, undefined, `certificateChainDer[${i}]`);
  assertSigningKey(config.signingKey);
  if (config.cipherSuites.length === 0 || !config.cipherSuites.every(isGameCipherSuite))
    throw new ArgumentError('cipherSuites: a non-empty subset of [0x1301, 0x1303]');
  const groups = config.groups ?? DEFAULT_GROUPS;
  if (groups.length === 0 || !groups.every(isKeyShareGroup))
    throw new ArgumentError('groups: a non-empty list of x25519 (0x001d) and secp256r1 (0x0017)');
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

/**
 * TLS 1.2 suites a downgraded server accepts, in its order: ECDHE-ECDSA (which signs with an Ed25519 key,
 * RFC 8422 §5.1.1), then the game's classic RSA suite (RFC 5288).
 */
const TLS12_FALLBACK_SUITES = [0xc02b, TLS_RSA_WITH_AES_128_GCM_SHA256] as const;

/** §4.1.3: a TLS 1.2 ServerHello from a 1.3-capable server, its random ending in "DOWNGRD" 01. */
function downgradedFlight(rng: Rng, ch: ClientHello): ServerFlight {
  const cipherSuite = TLS12_FALLBACK_SUITES.find((s) => ch.cipherSuites.includes(s));
  if (cipherSuite === undefined)
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      'The ClientHello offers no TLS 1.2 suite, so there is nothing to fall back to.',
    );
  const message = encodeServerHello({
    legacyVersion: TLS12,
    random: concatBytes(rng.bytes(24), DOWNGRADE_TLS12),
    // RFC 5246 §7.4.1.3: a new session's own id; echoing the client's would claim to resume its session.
    legacySessionIdEcho: rng.bytes(32),
    cipherSuite,
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

/** What a TLS 1.3 ClientHello must carry (§9.2), and the suite and signature scheme the server picks from it. */
function negotiate(config: ServerConfig, ch: ClientHello): { cipherSuite: CipherSuite; scheme: number } {
  if (ch.legacyCompressionMethods.length !== 1 || ch.legacyCompressionMethods[0] !== 0)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      'A TLS 1.3 ClientHello must offer exactly the null compression method (§4.1.2).',
    );
  const cipherSuite = config.cipherSuites.find((s) => ch.cipherSuites.includes(s));
  if (cipherSuite === undefined)
    throw new TlsError('HANDSHAKE_FAILURE', 'The client and server have no cipher suite in common.');
  if (!ch.signatureAlgorithms) throw missing('signature_algorithms');
  const scheme = schemeOfSigningKey(config.signingKey);
  if (!ch.signatureAlgorithms.includes(scheme))
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      `The client does not accept ${signatureSchemeName(scheme)} signatures, the only kind this server's certificate makes.`,
    );
  if (!ch.supportedGroups) throw missing('supported_groups');
  if (!ch.keyShares) throw missing('key_share');
  for (const share of ch.keyShares)
    if (!ch.supportedGroups.includes(share.group))
      throw new TlsError(
        'ILLEGAL_PARAMETER',
        'The ClientHello has a key share for a group it does not list in supported_groups (§4.2.8).',
      );
  return { cipherSuite, scheme };
}

/**
 * Answers a ClientHello (§4.1.1): picks the first of the server's suites the client offers and the first of its
 * groups the client sent a share for, checks the client accepts the certificate key's signature scheme, and
 * returns ServerHello in the clear followed by EncryptedExtensions, Certificate, CertificateVerify and Finished
 * sealed under the server handshake keys (§2). When the client sent no share in a group both support, the answer
 * is a HelloRetryRequest naming one (§4.1.4), and the second ClientHello goes to `serverReadRetriedClientHello`.
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
  const { cipherSuite, scheme } = negotiate(config, ch);
  const groups = config.groups ?? DEFAULT_GROUPS;
  const group = groups.find((g) => ch.keyShares!.some((s) => s.group === g));
  if (group !== undefined) {
    const clientShare = ch.keyShares!.find((s) => s.group === group)!;
    return serverFlight(rng, config, ch, {
      cipherSuite,
      scheme,
      clientShare,
      group,
      transcriptPrefix: new Uint8Array(0),
    });
  }
  const retryGroup = groups.find((g) => ch.supportedGroups!.includes(g));
  if (retryGroup === undefined)
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      `The client supports none of this server's groups (${groups.map(groupName).join(', ')}).`,
    );
  return helloRetryRequest(ch, cipherSuite, retryGroup);
}

/** §4.1.4: a ServerHello whose random is the HelloRetryRequest constant, naming the group for the second try. */
function helloRetryRequest(ch: ClientHello, cipherSuite: CipherSuite, group: KeyShareGroup): ServerFlight {
  const message = encodeServerHello({
    legacyVersion: TLS12,
    random: HELLO_RETRY_REQUEST_RANDOM,
    legacySessionIdEcho: ch.legacySessionId,
    cipherSuite,
    legacyCompressionMethod: 0,
    extensions: [serverSupportedVersionsExtension(TLS13), helloRetryKeyShareExtension(group)],
  });
  return {
    state: {
      role: 'server',
      phase: 'WAIT_RETRIED_CLIENT_HELLO',
      serverName: ch.serverName,
      cipherSuite,
      selectedGroup: group,
      clientHello1: ch.raw,
      transcriptPrefix: concatBytes(messageHash(ch.raw), message),
    },
    records: plaintextHandshakeRecords(message),
    messages: [message],
  };
}

/**
 * §4.1.4: reads the ClientHello that answers our HelloRetryRequest. It must keep the first one's suites and
 * offer exactly one share, in the group we asked for (otherwise illegal_parameter); a second
 * HelloRetryRequest is never sent.
 */
export function serverReadRetriedClientHello(
  rng: Rng,
  config: ServerConfig,
  state: ServerWaitRetriedHello,
  clientHelloInput: RecordInput,
): ServerFlight {
  if (state?.role !== 'server' || state.phase !== 'WAIT_RETRIED_CLIENT_HELLO')
    throw new ArgumentError(
      `state: expected a server in phase WAIT_RETRIED_CLIENT_HELLO, got ${state?.role} ${state?.phase}`,
    );
  checkConfig(config);
  const ch = readClientHello(clientHelloInput);
  const first = parseClientHello(state.clientHello1);
  if (!ch.supportedVersions?.includes(TLS13))
    throw new TlsError('ILLEGAL_PARAMETER', 'The second ClientHello no longer offers TLS 1.3 (§4.1.2).');
  if (!equalBytes(ch.random, first.random) || !equalBytes(ch.legacySessionId, first.legacySessionId))
    throw new TlsError('ILLEGAL_PARAMETER', 'The second ClientHello changed its random or session id (§4.1.2).');
  const { cipherSuite, scheme } = negotiate(config, ch);
  if (cipherSuite !== state.cipherSuite)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      'The second ClientHello no longer allows the suite the HelloRetryRequest chose.',
    );
  const shares = ch.keyShares ?? [];
  if (shares.length !== 1 || shares[0]!.group !== state.selectedGroup)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      `The second ClientHello must carry one key share, in ${groupName(state.selectedGroup)} as asked (§4.1.4).`,
    );
  return serverFlight(rng, config, ch, {
    cipherSuite,
    scheme,
    clientShare: shares[0]!,
    group: state.selectedGroup,
    transcriptPrefix: state.transcriptPrefix,
  });
}

interface Choice {
  cipherSuite: CipherSuite;
  scheme: number;
  group: KeyShareGroup;
  clientShare: KeyShareEntry;
  /** Empty, or message_hash ‖ HelloRetryRequest after a retry. */
  transcriptPrefix: Uint8Array;
}

/** ServerHello and the encrypted flight (§2), with the secrets the server keeps for the client Finished. */
function serverFlight(rng: Rng, config: ServerConfig, ch: ClientHello, choice: Choice): ServerFlight {
  const { cipherSuite, group, clientShare, transcriptPrefix } = choice;
  // The x25519 share is drawn before the random, as it always was, so game replays keep their bytes.
  const share = keySharePair(rng, group);
  const shared = sharedSecret(group, share.privateKey, clientShare.keyExchange);
  const serverHello = encodeServerHello({
    legacyVersion: TLS12,
    random: rng.bytes(32),
    legacySessionIdEcho: ch.legacySessionId,
    cipherSuite,
    legacyCompressionMethod: 0,
    extensions: [
      serverKeyShareExtension({ group, keyExchange: share.publicKey }),
      serverSupportedVersionsExtension(TLS13),
    ],
  });
  const hello = concatBytes(transcriptPrefix, ch.raw, serverHello);
  const hs = handshakeSecrets(shared, hello);
  // RFC 6066 §3: an empty server_name in EncryptedExtensions says the name was used.
  const encryptedExtensions = encodeEncryptedExtensions(ch.serverName ? [serverNameExtension('')] : []);
  const certificate = encodeCertificate(config.certificateChainDer);
  const toCertificate = concatBytes(hello, encryptedExtensions, certificate);
  const signed = signContent(config.signingKey, certificateVerifyContent(transcriptHash(toCertificate), 'server'));
  const certificateVerify = encodeCertificateVerify(signed.scheme, signed.signature);
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
      serverHandshakeTrafficSecret: hs.serverHandshakeTrafficSecret,
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
