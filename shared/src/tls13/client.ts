/** TLS 1.3 client, one step per flight, state as plain data: RFC 8446 §2, §4.1.2, §4.1.3, §4.4 @module */
import { ArgumentError, abytes, concatBytes, equalBytes } from '../bytes/bytes.ts';
import { ed25519Verify } from '../crypto/primitives.ts';
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
import { x25519KeyPair, x25519Shared } from './keyExchange.ts';
import {
  applicationSecrets,
  finishedVerifyData,
  handshakeSecrets,
  trafficKeys,
  transcriptHash,
} from './keySchedule.ts';
import {
  type Certificate,
  type CertificateVerify,
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

export interface ClientHelloOptions {
  /** The host name sent in server_name (RFC 6066). */
  serverName: string;
  /** Offered suites, in preference order; a subset of the game's two. */
  cipherSuites?: readonly CipherSuite[];
  /** supported_versions to offer; [] omits the extension (an old client). Default [TLS 1.3]. */
  supportedVersions?: readonly number[];
}

/** After ClientHello: holds the ephemeral x25519 private key. */
export interface ClientWaitServerHello {
  role: 'client';
  phase: 'WAIT_SERVER_HELLO';
  serverName: string;
  /** The ClientHello message as sent (header included). */
  clientHello: Uint8Array;
  x25519PrivateKey: Uint8Array;
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

/** §4.1.2: builds the game's ClientHello (x25519, ed25519, the two game suites) and its TLSPlaintext record (0x0301). */
export function clientHello(
  rng: Rng,
  options: ClientHelloOptions,
): { state: ClientWaitServerHello; message: Uint8Array; record: Uint8Array } {
  const cipherSuites = options.cipherSuites ?? GAME_CIPHER_SUITES;
  const versions = options.supportedVersions ?? [TLS13];
  if (cipherSuites.length === 0 || !cipherSuites.every(isGameCipherSuite))
    throw new ArgumentError('cipherSuites: a non-empty subset of [0x1301, 0x1303]');
  if (!versions.every((v) => v === TLS13 || v === TLS12))
    throw new ArgumentError('supportedVersions: a subset of [0x0304, 0x0303]');
  const random = rng.bytes(32);
  const legacySessionId = rng.bytes(32); // §D.4: a non-empty id for middlebox compatibility
  const share = x25519KeyPair(rng);
  const extensions: Extension[] = [serverNameExtension(options.serverName)];
  if (versions.length > 0) extensions.push(clientSupportedVersionsExtension(versions));
  extensions.push(
    supportedGroupsExtension([NamedGroup.x25519]),
    signatureAlgorithmsExtension([SignatureScheme.ed25519]),
    clientKeyShareExtension([{ group: NamedGroup.x25519, keyExchange: share.publicKey }]),
  );
  const message = encodeClientHello({
    legacyVersion: TLS12,
    random,
    legacySessionId,
    cipherSuites: [...cipherSuites],
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
      x25519PrivateKey: share.privateKey,
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

/**
 * Reads the ServerHello (§4.1.3), checks it against our ClientHello, and derives the handshake secrets from
 * x25519(our private key, server share) and Transcript-Hash(ClientHello ‖ ServerHello) (§7.1).
 */
export function clientReadServerHello(
  state: ClientWaitServerHello,
  records: RecordInput,
): { state: ClientWaitServerFlight; serverHello: ServerHello } {
  expectPhase(state, 'WAIT_SERVER_HELLO');
  const ch = parseClientHello(state.clientHello);
  const messages = readPlaintextHandshake(records, 'ServerHello');
  const sh = parseServerHello(messages[0]!);
  if (messages.length > 1)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      'Handshake messages followed the ServerHello in the clear; they must be encrypted.',
    );
  if (sh.isHelloRetryRequest)
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      'The server sent a HelloRetryRequest; this game does not support retrying with another group.',
    );
  checkVersion(sh, ch.supportedVersions ?? []);
  if (!equalBytes(sh.legacySessionIdEcho, ch.legacySessionId))
    throw illegal('ServerHello.legacy_session_id_echo differs from the session id we sent (§4.1.3).');
  if (!ch.cipherSuites.includes(sh.cipherSuite) || !isGameCipherSuite(sh.cipherSuite))
    throw illegal(`The server chose ${cipherSuiteName(sh.cipherSuite)}, which we did not offer.`);
  if (sh.legacyCompressionMethod !== 0) throw illegal('ServerHello.legacy_compression_method must be 0 (§4.1.3).');
  const offeredExtensions = ch.extensions.map((e) => e.type);
  checkAnsweredExtensions(sh.extensions ?? [], offeredExtensions, SERVER_HELLO_EXTENSIONS, 'ServerHello');
  const share = sh.keyShare;
  if (!share)
    throw new TlsError('MISSING_EXTENSION', 'ServerHello has no key_share: there is nothing to derive keys from.');
  const ours = ch.keyShares?.find((s) => s.group === share.group);
  if (!ours || share.group !== NamedGroup.x25519)
    throw illegal(`The server's key share uses ${groupName(share.group)}, a group we sent no share for (§4.2.8).`);
  const shared = x25519Shared(state.x25519PrivateKey, share.keyExchange);
  const transcript = concatBytes(state.clientHello, sh.raw);
  return {
    state: {
      role: 'client',
      phase: 'WAIT_SERVER_FLIGHT',
      serverName: state.serverName,
      cipherSuite: sh.cipherSuite,
      transcript,
      ...handshakeSecrets(shared, transcript),
      offeredSignatureAlgorithms: ch.signatureAlgorithms ?? [],
      offeredExtensions,
    },
    serverHello: sh,
  };
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

/**
 * Verifies CertificateVerify with the leaf's Ed25519 public key (§4.4.3; failure: DECRYPT_ERROR) and the server's
 * Finished (§4.4.4; failure: BAD_FINISHED), then derives the application secrets (§7.1).
 */
export function clientVerifyServer(
  state: ClientWaitVerify,
  leafEd25519PublicKey: Uint8Array,
): { state: ClientVerified; checks: VerifyCheck[] } {
  expectPhase(state, 'WAIT_VERIFY');
  abytes(leafEd25519PublicKey, 32, 'leafEd25519PublicKey');
  const cv = parseCertificateVerify(state.certificateVerify);
  if (!state.offeredSignatureAlgorithms.includes(cv.algorithm))
    throw illegal(`CertificateVerify uses ${signatureSchemeName(cv.algorithm)}, which we did not offer (§4.4.3).`);
  if (cv.algorithm !== SignatureScheme.ed25519)
    throw new TlsError(
      'HANDSHAKE_FAILURE',
      `CertificateVerify uses ${signatureSchemeName(cv.algorithm)}; this game verifies Ed25519 only.`,
    );
  const signed = certificateVerifyContent(transcriptHash(state.certificateTranscript), 'server');
  if (!ed25519Verify(cv.signature, signed, leafEd25519PublicKey))
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
        explanation: "Ed25519 signature over the transcript hash verifies with the leaf certificate's key.",
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
