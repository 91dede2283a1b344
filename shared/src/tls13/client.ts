/** TLS 1.3 client, one step per flight, state as plain data: RFC 8446 §2, §4.1.2, §4.1.3, §4.1.4, §4.4 @module */
import { ArgumentError, concatBytes, equalBytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { type Connection, newConnection } from './connection.ts';
import {
  type CipherSuite,
  cipherSuiteName,
  ExtensionType,
  extensionName,
  GAME_CIPHER_SUITES,
  groupName,
  isGameCipherSuite,
  KEY_LENGTH,
  NamedGroup,
  SignatureScheme,
  signatureSchemeName,
  TLS12,
  TLS13,
  versionName,
} from './constants.ts';
import { TlsError } from './errors.ts';
import {
  clientKeyShareExtension,
  clientSupportedVersionsExtension,
  cookieExtension,
  cookieOf,
  type Extension,
  serverNameExtension,
  signatureAlgorithmsExtension,
  supportedGroupsExtension,
} from './extensions.ts';
import {
  openHandshakeMessages,
  plaintextHandshakeRecords,
  type RecordInput,
  readPlaintextHandshake,
  sealHandshakeMessages,
} from './flight.ts';
import { isKeyShareGroup, type KeyShareGroup, type KeySharePair, keySharePair, sharedSecret } from './keyExchange.ts';
import {
  applicationSecrets,
  finishedVerifyData,
  handshakeSecrets,
  messageHash,
  trafficKeys,
  transcriptHash,
} from './keySchedule.ts';
import {
  type Certificate,
  type CertificateVerify,
  type ClientHello,
  certificateVerifyContent,
  type EncryptedExtensions,
  encodeClientHello,
  encodeFinished,
  type Finished,
  parseCertificate,
  parseCertificateVerify,
  parseClientHello,
  parseEncryptedExtensions,
  parseFinished,
  parseServerHello,
  type ServerHello,
} from './messages.ts';
import { type PeerPublicKey, schemesOfPeerKey, verifyContent } from './signatures.ts';

export interface ClientHelloOptions {
  /** The host name sent in server_name (RFC 6066). */
  serverName: string;
  /** Offered suites, in preference order; a subset of the game's two. */
  cipherSuites?: readonly CipherSuite[];
  /** supported_versions to offer; [] omits the extension (an old client). Default [TLS 1.3]. */
  supportedVersions?: readonly number[];
  /** TLS 1.2 suites listed after the TLS 1.3 ones, as a browser that could fall back lists them (never chosen here). */
  tls12CipherSuites?: readonly number[];
  /** supported_groups, in preference order (§4.2.7). Default [x25519], the game's choice. */
  groups?: readonly KeyShareGroup[];
  /** Groups to send a key share for, a subset of `groups` (§4.2.8). Default: the first group. */
  keyShareGroups?: readonly KeyShareGroup[];
  /** signature_algorithms (§4.2.3). Default [ed25519], the game's choice. */
  signatureAlgorithms?: readonly number[];
}

/** What the client remembers of a HelloRetryRequest it answered (§4.1.4). */
export interface HelloRetry {
  /** The HelloRetryRequest message as received. */
  helloRetryRequest: Uint8Array;
  /** message_hash(ClientHello1) ‖ HelloRetryRequest: where the transcript starts (§4.4.1). */
  transcriptPrefix: Uint8Array;
  cipherSuite: CipherSuite;
  selectedGroup: KeyShareGroup;
}

/** After ClientHello: holds the ephemeral private keys. */
export interface ClientWaitServerHello {
  role: 'client';
  phase: 'WAIT_SERVER_HELLO';
  serverName: string;
  /** The ClientHello message as sent (header included); after a HelloRetryRequest, the second one. */
  clientHello: Uint8Array;
  /** The x25519 private key (empty when no x25519 share was sent). */
  x25519PrivateKey: Uint8Array;
  /** Every key share sent, private halves included. */
  keyShares: KeySharePair[];
  /** Set once a HelloRetryRequest was answered; a second one is refused (§4.1.4). */
  helloRetry?: HelloRetry;
}

/** Handshake-stage secrets, once ServerHello is read. */
interface ClientHandshakeKeys {
  role: 'client';
  serverName: string;
  cipherSuite: CipherSuite;
  /** Handshake messages so far, concatenated with their headers. */
  transcript: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
  /** signature_algorithms the client offered (§4.4.3: the server must use one of them). */
  offeredSignatureAlgorithms: number[];
  /** Extension types the client offered (§4.2: a server may only answer those). */
  offeredExtensions: number[];
}

export interface ClientWaitServerFlight extends ClientHandshakeKeys {
  phase: 'WAIT_SERVER_FLIGHT';
}

/** The server's flight, decrypted but not yet verified: the caller must first extract the leaf's public key. */
export interface ClientWaitVerify extends ClientHandshakeKeys {
  phase: 'WAIT_VERIFY';
  /** ClientHello … Certificate: what CertificateVerify signs. */
  certificateTranscript: Uint8Array;
  certificateVerify: Uint8Array;
  /** ClientHello … CertificateVerify: what the server's Finished authenticates. */
  certificateVerifyTranscript: Uint8Array;
  serverFinished: Uint8Array;
}

/** Server authenticated: ready to send the client Finished. */
export interface ClientVerified extends ClientHandshakeKeys {
  phase: 'VERIFIED';
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
}

export interface ClientConnected {
  role: 'client';
  phase: 'CONNECTED';
  serverName: string;
  cipherSuite: CipherSuite;
  transcript: Uint8Array;
}

export type ClientState =
  | ClientWaitServerHello
  | ClientWaitServerFlight
  | ClientWaitVerify
  | ClientVerified
  | ClientConnected;

function expectPhase<P extends ClientState['phase']>(
  state: ClientState,
  phase: P,
): asserts state is Extract<ClientState, { phase: P }> {
  if (state?.role !== 'client' || state.phase !== phase)
    throw new ArgumentError(`state: expected a client in phase ${phase}, got ${state?.role} ${state?.phase}`);
}

/** §4.1.2: builds a ClientHello (by default the game's: x25519, ed25519, the two game suites) and its TLSPlaintext record (0x0301). */
export function clientHello(
  rng: Rng,
  options: ClientHelloOptions,
): { state: ClientWaitServerHello; message: Uint8Array; record: Uint8Array } {
  const cipherSuites = options.cipherSuites ?? GAME_CIPHER_SUITES;
  const versions = options.supportedVersions ?? [TLS13];
  const groups = options.groups ?? [NamedGroup.x25519];
  const shareGroups = options.keyShareGroups ?? groups.slice(0, 1);
  const schemes = options.signatureAlgorithms ?? [SignatureScheme.ed25519];
  if (cipherSuites.length === 0 || !cipherSuites.every(isGameCipherSuite))
    throw new ArgumentError('cipherSuites: a non-empty subset of [0x1301, 0x1303]');
  if (!versions.every((v) => v === TLS13 || v === TLS12))
    throw new ArgumentError('supportedVersions: a subset of [0x0304, 0x0303]');
  if (groups.length === 0 || !groups.every(isKeyShareGroup))
    throw new ArgumentError('groups: a non-empty list of x25519 (0x001d) and secp256r1 (0x0017)');
  if (!shareGroups.every((g) => groups.includes(g)) || new Set(shareGroups).size !== shareGroups.length)
    throw new ArgumentError('keyShareGroups: distinct groups out of `groups`');
  if (schemes.length === 0) throw new ArgumentError('signatureAlgorithms: at least one scheme');
  const random = rng.bytes(32);
  const legacySessionId = rng.bytes(32); // §D.4: a non-empty id for middlebox compatibility
  const keyShares = shareGroups.map((group) => keySharePair(rng, group));
  const extensions: Extension[] = [serverNameExtension(options.serverName)];
  if (versions.length > 0) extensions.push(clientSupportedVersionsExtension(versions));
  extensions.push(
    supportedGroupsExtension(groups),
    signatureAlgorithmsExtension(schemes),
    clientKeyShareExtension(keyShares.map((k) => ({ group: k.group, keyExchange: k.publicKey }))),
  );
  const message = encodeClientHello({
    legacyVersion: TLS12,
    random,
    legacySessionId,
    cipherSuites: [...cipherSuites, ...(options.tls12CipherSuites ?? [])],
    legacyCompressionMethods: Uint8Array.of(0),
    extensions,
  });
  const [record] = plaintextHandshakeRecords(message, 0x0301);
  return {
    state: {
      role: 'client',
      phase: 'WAIT_SERVER_HELLO',
      serverName: options.serverName,
      clientHello: message,
      x25519PrivateKey: keyShares.find((k) => k.group === NamedGroup.x25519)?.privateKey ?? new Uint8Array(0),
      keyShares,
    },
    message,
    record: record!,
  };
}

const illegal = (sentence: string): TlsError => new TlsError('ILLEGAL_PARAMETER', sentence);

/** §4.1.3, §4.2.1: the version the ServerHello selects, rejecting downgrades and versions we did not offer. */
function checkVersion(sh: ServerHello, offeredVersions: readonly number[]): void {
  if (sh.selectedVersion === undefined) {
    // No supported_versions: the server chose TLS 1.2 or below by legacy_version.
    if (sh.downgradeSentinel)
      throw illegal(
        'Downgrade detected: the ServerHello chose an old TLS version, but its random ends with "DOWNGRD" — the server supports TLS 1.3, so someone removed TLS 1.3 from our ClientHello (§4.1.3).',
      );
    throw new TlsError(
      'PROTOCOL_VERSION',
      `The server chose ${versionName(sh.legacyVersion)}; this client only speaks TLS 1.3.`,
    );
  }
  if (sh.selectedVersion !== TLS13 || !offeredVersions.includes(sh.selectedVersion))
    throw illegal(
      `The server selected ${versionName(sh.selectedVersion)} in supported_versions, which we did not offer as TLS 1.3 (§4.2.1).`,
    );
  if (sh.legacyVersion !== TLS12)
    throw illegal(`ServerHello.legacy_version must be 0x0303, not ${versionName(sh.legacyVersion)}.`);
}

/** §4.2: a server may answer only extensions we offered, and only those allowed in its message. */
export function checkAnsweredExtensions(
  extensions: readonly Extension[],
  offered: readonly number[],
  allowed: readonly number[],
  message: string,
): void {
  for (const { type } of extensions) {
    if (!offered.includes(type))
      throw new TlsError(
        'UNSUPPORTED_EXTENSION',
        `${message} contains ${extensionName(type)}, which the client never offered.`,
      );
    if (!allowed.includes(type)) throw illegal(`${message} must not contain ${extensionName(type)} (§4.2).`);
  }
}

const SERVER_HELLO_EXTENSIONS = [
  ExtensionType.supported_versions,
  ExtensionType.key_share,
  ExtensionType.pre_shared_key,
];
/** §4.2 table: what EncryptedExtensions may carry (those marked EE). */
const ENCRYPTED_EXTENSIONS = [
  ExtensionType.server_name,
  ExtensionType.max_fragment_length,
  ExtensionType.supported_groups,
  ExtensionType.use_srtp,
  ExtensionType.heartbeat,
  ExtensionType.application_layer_protocol_negotiation,
  ExtensionType.client_certificate_type,
  ExtensionType.server_certificate_type,
  ExtensionType.early_data,
  ExtensionType.record_size_limit,
];

/** §4.1.3: the checks a ServerHello and a HelloRetryRequest share, against the ClientHello they answer. */
function checkServerHelloFields(sh: ServerHello, ch: ClientHello, allowed: readonly number[], what: string): void {
  checkVersion(sh, ch.supportedVersions ?? []);
  if (!equalBytes(sh.legacySessionIdEcho, ch.legacySessionId))
    throw illegal(`${what}.legacy_session_id_echo differs from the session id we sent (§4.1.3).`);
  if (!ch.cipherSuites.includes(sh.cipherSuite) || !isGameCipherSuite(sh.cipherSuite))
    throw illegal(`The server chose ${cipherSuiteName(sh.cipherSuite)}, which we did not offer.`);
  if (sh.legacyCompressionMethod !== 0) throw illegal(`${what}.legacy_compression_method must be 0 (§4.1.3).`);
  // §4.2.2: a server may send a cookie in a HelloRetryRequest unasked.
  const offered = [...ch.extensions.map((e) => e.type), ExtensionType.cookie];
  checkAnsweredExtensions(sh.extensions ?? [], offered, allowed, what);
}

/** The one ServerHello message in the records, however many compatibility change_cipher_spec records surround it. */
function readOneServerHello(records: RecordInput): ServerHello {
  const messages = readPlaintextHandshake(records, 'ServerHello');
  if (messages.length > 1)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      'Handshake messages followed the ServerHello in the clear; they must be encrypted.',
    );
  return parseServerHello(messages[0]!);
}

/**
 * Reads the ServerHello (§4.1.3), checks it against our ClientHello (and the HelloRetryRequest, if one came),
 * and derives the handshake secrets from the (EC)DHE shared secret and the transcript (§7.1). A
 * HelloRetryRequest here is refused: read the server's first answer with `clientReadServerReply`.
 */
export function clientReadServerHello(
  state: ClientWaitServerHello,
  records: RecordInput,
): { state: ClientWaitServerFlight; serverHello: ServerHello } {
  expectPhase(state, 'WAIT_SERVER_HELLO');
  const sh = readOneServerHello(records);
  if (sh.isHelloRetryRequest)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      state.helloRetry
        ? 'The server sent a second HelloRetryRequest; a client answers only one (§4.1.4).'
        : 'The server sent a HelloRetryRequest, which needs a new ClientHello (clientReadServerReply answers it).',
    );
  return { state: acceptServerHello(state, sh), serverHello: sh };
}

function acceptServerHello(state: ClientWaitServerHello, sh: ServerHello): ClientWaitServerFlight {
  const ch = parseClientHello(state.clientHello);
  checkServerHelloFields(sh, ch, SERVER_HELLO_EXTENSIONS, 'ServerHello');
  const retry = state.helloRetry;
  // §4.1.4: the ServerHello must keep the suite the HelloRetryRequest chose.
  if (retry && sh.cipherSuite !== retry.cipherSuite)
    throw illegal(
      `The ServerHello chose ${cipherSuiteName(sh.cipherSuite)}, but the HelloRetryRequest had chosen ${cipherSuiteName(retry.cipherSuite)} (§4.1.4).`,
    );
  const share = sh.keyShare;
  if (!share)
    throw new TlsError('MISSING_EXTENSION', 'ServerHello has no key_share: there is nothing to derive keys from.');
  const ours = state.keyShares.find((k) => k.group === share.group);
  if (!ours || (retry && share.group !== retry.selectedGroup))
    throw illegal(`The server's key share uses ${groupName(share.group)}, a group we sent no share for (§4.2.8).`);
  const shared = sharedSecret(ours.group, ours.privateKey, share.keyExchange);
  const transcript = concatBytes(retry?.transcriptPrefix ?? new Uint8Array(0), state.clientHello, sh.raw);
  return {
    role: 'client',
    phase: 'WAIT_SERVER_FLIGHT',
    serverName: state.serverName,
    cipherSuite: sh.cipherSuite as CipherSuite,
    transcript,
    ...handshakeSecrets(shared, transcript),
    offeredSignatureAlgorithms: ch.signatureAlgorithms ?? [],
    offeredExtensions: ch.extensions.map((e) => e.type),
  };
}

const HELLO_RETRY_REQUEST_EXTENSIONS = [
  ExtensionType.supported_versions,
  ExtensionType.key_share,
  ExtensionType.cookie,
];

/**
 * §4.1.4: answers a HelloRetryRequest with a second ClientHello — the first one with its key_share replaced by
 * one share in the group the server selected and the server's cookie echoed (§4.2.2). Refuses a request that
 * would change nothing, a group we did not offer or already sent a share for, and a second request.
 */
export function clientReadHelloRetryRequest(
  rng: Rng,
  state: ClientWaitServerHello,
  records: RecordInput,
): { state: ClientWaitServerHello; helloRetryRequest: ServerHello; message: Uint8Array; record: Uint8Array } {
  expectPhase(state, 'WAIT_SERVER_HELLO');
  const hrr = readOneServerHello(records);
  if (!hrr.isHelloRetryRequest) throw new ArgumentError('records: expected a HelloRetryRequest');
  if (state.helloRetry)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      'The server sent a second HelloRetryRequest; a client answers only one (§4.1.4).',
    );
  const ch = parseClientHello(state.clientHello);
  checkServerHelloFields(hrr, ch, HELLO_RETRY_REQUEST_EXTENSIONS, 'HelloRetryRequest');
  const group = hrr.keyShare?.group;
  const cookie = cookieOf(hrr.extensions ?? [], 'hello_retry_request');
  if (group === undefined && cookie === undefined)
    throw illegal('The HelloRetryRequest asks for nothing new: no key_share group and no cookie (§4.1.4).');
  const selected = group ?? state.keyShares[0]?.group;
  if (selected === undefined || !isKeyShareGroup(selected) || !(ch.supportedGroups ?? []).includes(selected))
    throw illegal(`The HelloRetryRequest selects ${groupName(selected ?? 0)}, which we did not offer (§4.2.8).`);
  if (group !== undefined && state.keyShares.some((k) => k.group === group))
    throw illegal(`The HelloRetryRequest asks for ${groupName(group)}, for which we already sent a share (§4.2.8).`);
  const share = group === undefined ? state.keyShares.find((k) => k.group === selected)! : keySharePair(rng, group);
  const extensions: Extension[] = [];
  for (const ext of ch.extensions) {
    if (ext.type === ExtensionType.key_share) {
      if (cookie) extensions.push(cookieExtension(cookie));
      extensions.push(clientKeyShareExtension([{ group: share.group, keyExchange: share.publicKey }]));
    } else if (ext.type !== ExtensionType.early_data && ext.type !== ExtensionType.cookie) extensions.push(ext);
  }
  const message = encodeClientHello({ ...ch, extensions });
  const [record] = plaintextHandshakeRecords(message); // §5.1: 0x0303 for every record but the first ClientHello
  return {
    state: {
      ...state,
      clientHello: message,
      x25519PrivateKey: share.group === NamedGroup.x25519 ? share.privateKey : new Uint8Array(0),
      keyShares: [share],
      helloRetry: {
        helloRetryRequest: hrr.raw,
        transcriptPrefix: concatBytes(messageHash(state.clientHello), hrr.raw),
        cipherSuite: hrr.cipherSuite as CipherSuite,
        selectedGroup: share.group,
      },
    },
    helloRetryRequest: hrr,
    message,
    record: record!,
  };
}

/** The server's first answer: a ServerHello (keys derived) or a HelloRetryRequest (a second ClientHello to send). */
export type ServerReply =
  | { kind: 'server_hello'; state: ClientWaitServerFlight; serverHello: ServerHello }
  | {
      kind: 'hello_retry_request';
      state: ClientWaitServerHello;
      helloRetryRequest: ServerHello;
      message: Uint8Array;
      record: Uint8Array;
    };

/** Reads the server's answer to a ClientHello, whichever of ServerHello or HelloRetryRequest it is (§4.1.3, §4.1.4). */
export function clientReadServerReply(rng: Rng, state: ClientWaitServerHello, records: RecordInput): ServerReply {
  expectPhase(state, 'WAIT_SERVER_HELLO');
  const sh = readOneServerHello(records);
  if (sh.isHelloRetryRequest && !state.helloRetry)
    return { kind: 'hello_retry_request', ...clientReadHelloRetryRequest(rng, state, records) };
  return { kind: 'server_hello', ...clientReadServerHello(state, records) };
}

/**
 * Decrypts the server's flight with the server handshake keys (§5.2) and checks its order: EncryptedExtensions,
 * Certificate, CertificateVerify, Finished (§2). Returns the certificate chain (DER, leaf first) for the caller
 * to parse and validate; nothing is verified yet.
 */
export function clientReadServerFlight(
  state: ClientWaitServerFlight,
  records: RecordInput,
): {
  state: ClientWaitVerify;
  certificateChain: Uint8Array[];
  encryptedExtensions: EncryptedExtensions;
  certificate: Certificate;
  certificateVerify: CertificateVerify;
  finished: Finished;
} {
  expectPhase(state, 'WAIT_SERVER_FLIGHT');
  const keys = trafficKeys(state.serverHandshakeTrafficSecret, KEY_LENGTH[state.cipherSuite]);
  const { messages } = openHandshakeMessages(keys, state.cipherSuite, 0, records, "the server's encrypted flight");
  const [eeBytes, certBytes, cvBytes, finBytes, ...extra] = messages;
  if (!eeBytes || !certBytes || !cvBytes || !finBytes)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `The server's flight has ${messages.length} messages; it needs EncryptedExtensions, Certificate, CertificateVerify and Finished.`,
    );
  if (extra.length > 0) throw new TlsError('UNEXPECTED_MESSAGE', "Messages follow the server's Finished.");
  const encryptedExtensions = parseEncryptedExtensions(eeBytes);
  checkAnsweredExtensions(
    encryptedExtensions.extensions,
    state.offeredExtensions,
    ENCRYPTED_EXTENSIONS,
    'EncryptedExtensions',
  );
  const certificate = parseCertificate(certBytes);
  if (certificate.certificateRequestContext.length !== 0)
    throw illegal("The server's Certificate must have an empty certificate_request_context (§4.4.2).");
  if (certificate.certificateList.length === 0)
    throw new TlsError('DECODE_ERROR', 'The server sent an empty certificate list (§4.4.2.4).');
  const certificateVerify = parseCertificateVerify(cvBytes);
  const finished = parseFinished(finBytes);
  const certificateTranscript = concatBytes(state.transcript, eeBytes, certBytes);
  const certificateVerifyTranscript = concatBytes(certificateTranscript, cvBytes);
  return {
    state: {
      ...state,
      phase: 'WAIT_VERIFY',
      certificateTranscript,
      certificateVerify: cvBytes,
      certificateVerifyTranscript,
      serverFinished: finBytes,
      transcript: concatBytes(certificateVerifyTranscript, finBytes),
    },
    certificateChain: certificate.certificateList.map((e) => e.certData),
    encryptedExtensions,
    certificate,
    certificateVerify,
    finished,
  };
}

/** One check the client made on the server's flight. */
export interface VerifyCheck {
  check: 'CertificateVerify' | 'Finished';
  passed: true;
  explanation: string;
}

const KEY_NAMES: Record<number, string> = {
  [SignatureScheme.ed25519]: 'Ed25519 signature',
  [SignatureScheme.ecdsa_secp256r1_sha256]: 'ECDSA P-256 signature',
  [SignatureScheme.rsa_pss_rsae_sha256]: 'RSA-PSS signature',
};

/**
 * Verifies CertificateVerify with the leaf's public key (§4.4.3; failure: DECRYPT_ERROR) — Ed25519 (a bare
 * 32-byte key, or `{ algorithm, key }` as x509 reads it), ECDSA P-256 or RSA (PSS) — and the server's Finished
 * (§4.4.4; failure: BAD_FINISHED), then derives the application secrets (§7.1).
 */
export function clientVerifyServer(
  state: ClientWaitVerify,
  leafPublicKey: PeerPublicKey,
): { state: ClientVerified; checks: VerifyCheck[] } {
  expectPhase(state, 'WAIT_VERIFY');
  const usable = schemesOfPeerKey(leafPublicKey);
  const cv = parseCertificateVerify(state.certificateVerify);
  if (!state.offeredSignatureAlgorithms.includes(cv.algorithm))
    throw illegal(`CertificateVerify uses ${signatureSchemeName(cv.algorithm)}, which we did not offer (§4.4.3).`);
  if (!usable.includes(cv.algorithm))
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      `CertificateVerify uses ${signatureSchemeName(cv.algorithm)}, which the certificate's key cannot make; it makes ${usable.map(signatureSchemeName).join(', ')}.`,
    );
  const signed = certificateVerifyContent(transcriptHash(state.certificateTranscript), 'server');
  if (!verifyContent(leafPublicKey, cv.algorithm, signed, cv.signature))
    throw new TlsError(
      'DECRYPT_ERROR',
      "CertificateVerify does not verify with the certificate's public key: whoever sent this flight does not hold the certificate's private key, or saw a different handshake.",
    );
  const expected = finishedVerifyData(state.serverHandshakeTrafficSecret, state.certificateVerifyTranscript);
  if (!equalBytes(parseFinished(state.serverFinished).verifyData, expected))
    throw new TlsError(
      'BAD_FINISHED',
      "The server's Finished does not match our transcript: the handshake was altered on the way.",
    );
  const { certificateTranscript, certificateVerify, certificateVerifyTranscript, serverFinished, ...keys } = state;
  const ap = applicationSecrets(state.handshakeSecret, state.transcript);
  return {
    state: {
      ...keys,
      phase: 'VERIFIED',
      clientApplicationTrafficSecret: ap.clientApplicationTrafficSecret,
      serverApplicationTrafficSecret: ap.serverApplicationTrafficSecret,
    },
    checks: [
      {
        check: 'CertificateVerify',
        passed: true,
        explanation: `${KEY_NAMES[cv.algorithm]} over the transcript hash verifies with the leaf certificate's key.`,
      },
      { check: 'Finished', passed: true, explanation: "The server's Finished HMAC matches the transcript we saw." },
    ],
  };
}

/** §4.4.4: sends the client Finished under the client handshake keys and switches to application traffic keys (§7.3). */
export function clientFinish(state: ClientVerified): {
  state: ClientConnected;
  record: Uint8Array;
  message: Uint8Array;
  connection: Connection;
} {
  expectPhase(state, 'VERIFIED');
  const message = encodeFinished(finishedVerifyData(state.clientHandshakeTrafficSecret, state.transcript));
  const keys = trafficKeys(state.clientHandshakeTrafficSecret, KEY_LENGTH[state.cipherSuite]);
  const { records } = sealHandshakeMessages(keys, state.cipherSuite, 0, [message]);
  return {
    state: {
      role: 'client',
      phase: 'CONNECTED',
      serverName: state.serverName,
      cipherSuite: state.cipherSuite,
      transcript: concatBytes(state.transcript, message),
    },
    record: records[0]!,
    message,
    connection: newConnection(
      'client',
      state.cipherSuite,
      state.clientApplicationTrafficSecret,
      state.serverApplicationTrafficSecret,
    ),
  };
}
