/** TLS 1.3 handshake messages: encode and strictly parse, with 4-byte headers. RFC 8446 §4, §4.1.2, §4.1.3, §4.3.1, §4.4.2–§4.4.4, §4.6.1, §4.6.3 @module */
import { abytes, aint, bytesToHex, concatBytes, equalBytes, utf8ToBytes } from '../bytes/bytes.ts';
import {
  cipherSuiteName,
  DOWNGRADE_TLS11,
  DOWNGRADE_TLS12,
  HandshakeType,
  HELLO_RETRY_REQUEST_RANDOM,
  handshakeTypeName,
  signatureSchemeName,
  versionName,
} from './constants.ts';
import { TlsError } from './errors.ts';
import {
  type Extension,
  type ExtensionContext,
  encodeExtensions,
  type KeyShareEntry,
  keySharesOf,
  readExtensions,
  serverNameOf,
  signatureAlgorithmsOf,
  supportedGroupsOf,
  supportedVersionsOf,
} from './extensions.ts';
import { HASH_LENGTH } from './keySchedule.ts';
import { encodeUint, encodeUint16List, encodeVector, type WireField, WireReader } from './wire.ts';

/** Handshake header length: msg_type(1) ‖ uint24 length (§4). */
export const HANDSHAKE_HEADER_LENGTH = 4;

const MESSAGE_NAMES: Record<number, string> = {
  1: 'ClientHello',
  2: 'ServerHello',
  4: 'NewSessionTicket',
  5: 'EndOfEarlyData',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  13: 'CertificateRequest',
  15: 'CertificateVerify',
  20: 'Finished',
  24: 'KeyUpdate',
};

/** A handshake message's name as RFC 8446 writes it (NewSessionTicket), or its registry name when the game has no reader for it. */
export const handshakeMessageName = (type: number): string => MESSAGE_NAMES[type] ?? handshakeTypeName(type);

const hexPreview = (b: Uint8Array): string =>
  b.length <= 16 ? bytesToHex(b) : `${bytesToHex(b.subarray(0, 8))}…${bytesToHex(b.subarray(-4))} (${b.length} bytes)`;

/** Handshake { msg_type; uint24 length; body } (§4). */
export function encodeHandshake(msgType: number, body: Uint8Array): Uint8Array {
  aint(msgType, 0, 255, 'msgType');
  abytes(body, undefined, 'body');
  return concatBytes(Uint8Array.of(msgType), encodeVector(3, body, 0, 0xffffff, 'Handshake body'));
}

/** Reads the 4-byte header; the body must fill the rest exactly. Returns a reader over the body. */
function readHeader(message: Uint8Array, expected: number | undefined, fields: WireField[]): WireReader {
  abytes(message, undefined, 'message');
  const name = expected === undefined ? 'Handshake' : MESSAGE_NAMES[expected]!;
  const r = new WireReader(message, name, fields);
  const type = r.uint(1, 'msg_type', handshakeTypeName);
  if (expected !== undefined && type !== expected)
    throw new TlsError('UNEXPECTED_MESSAGE', `Expected ${name} but received ${handshakeTypeName(type)}.`);
  const length = r.uint(3, 'length', (n) => `body is ${n} bytes`);
  if (length !== r.remaining)
    r.fail(`the header says the body is ${length} bytes, but ${r.remaining} bytes follow the header.`);
  return r.sub(length, handshakeMessageName(type));
}

/** Splits concatenated handshake messages (a flight, possibly from several records) into whole messages (§5.1). */
export function splitHandshakeMessages(bytes: Uint8Array): Uint8Array[] {
  abytes(bytes, undefined, 'bytes');
  const out: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < HANDSHAKE_HEADER_LENGTH)
      throw new TlsError('DECODE_ERROR', `Handshake data ends inside a message header at offset ${offset}.`);
    const length = (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    const end = offset + HANDSHAKE_HEADER_LENGTH + length;
    if (end > bytes.length)
      throw new TlsError(
        'DECODE_ERROR',
        `${handshakeTypeName(bytes[offset]!)} at offset ${offset} says it is ${length} bytes, but only ${bytes.length - offset - HANDSHAKE_HEADER_LENGTH} follow.`,
      );
    out.push(bytes.slice(offset, end));
    offset = end;
  }
  return out;
}

// ——— ClientHello (§4.1.2) ———

/** The wire fields of a ClientHello; `extensions` keeps every extension, known or not. */
export interface ClientHelloFields {
  legacyVersion: number;
  random: Uint8Array;
  legacySessionId: Uint8Array;
  cipherSuites: number[];
  legacyCompressionMethods: Uint8Array;
  extensions: Extension[];
}

export interface ClientHello extends ClientHelloFields {
  type: 'client_hello';
  /** The whole message, header included. */
  raw: Uint8Array;
  serverName?: string;
  supportedVersions?: number[];
  supportedGroups?: number[];
  signatureAlgorithms?: number[];
  keyShares?: KeyShareEntry[];
}

export function encodeClientHello(h: ClientHelloFields): Uint8Array {
  abytes(h.random, 32, 'random');
  return encodeHandshake(
    HandshakeType.client_hello,
    concatBytes(
      encodeUint(h.legacyVersion, 2),
      h.random,
      encodeVector(1, h.legacySessionId, 0, 32, 'legacy_session_id'),
      encodeVector(2, encodeUint16List(h.cipherSuites), 2, 0xfffe, 'cipher_suites'),
      encodeVector(1, h.legacyCompressionMethods, 1, 0xff, 'legacy_compression_methods'),
      encodeExtensions(h.extensions),
    ),
  );
}

function readClientHello(message: Uint8Array, fields: WireField[]): ClientHello {
  const r = readHeader(message, HandshakeType.client_hello, fields);
  const legacyVersion = r.uint(
    2,
    'legacy_version',
    (v) => `${versionName(v)} — frozen at TLS 1.2; real versions are in supported_versions`,
  );
  const random = r.bytes(32, 'random', (b) => `32 fresh random bytes: ${hexPreview(b)}`);
  const legacySessionId = r.vector(1, 0, 32, 'legacy_session_id', (b) => `compatibility session id: ${hexPreview(b)}`);
  const cipherSuites = r.uint16List(2, 2, 0xfffe, 'cipher_suites', 'cipher_suite', cipherSuiteName);
  const legacyCompressionMethods = r.vector(1, 1, 0xff, 'legacy_compression_methods', (b) =>
    b.length === 1 && b[0] === 0 ? 'null only (compression is gone in TLS 1.3)' : `methods ${bytesToHex(b)}`,
  );
  // §4.1.2: a TLS 1.2 ClientHello may stop here; TLS 1.3 requires extensions.
  const extensions = r.remaining > 0 ? readExtensions(r, 0, 'client_hello') : [];
  r.end();
  const ctx: ExtensionContext = 'client_hello';
  return {
    type: 'client_hello',
    raw: message.slice(),
    legacyVersion,
    random,
    legacySessionId,
    cipherSuites,
    legacyCompressionMethods,
    extensions,
    serverName: serverNameOf(extensions, ctx),
    supportedVersions: supportedVersionsOf(extensions, ctx),
    supportedGroups: supportedGroupsOf(extensions, ctx),
    signatureAlgorithms: signatureAlgorithmsOf(extensions, ctx),
    keyShares: keySharesOf(extensions, ctx),
  };
}

export const parseClientHello = (message: Uint8Array): ClientHello => readClientHello(message, []);

// ——— ServerHello (§4.1.3) ———

export interface ServerHelloFields {
  legacyVersion: number;
  random: Uint8Array;
  legacySessionIdEcho: Uint8Array;
  cipherSuite: number;
  legacyCompressionMethod: number;
  /** `undefined` encodes a TLS 1.2 ServerHello without an extensions block. */
  extensions: Extension[] | undefined;
}

export interface ServerHello extends ServerHelloFields {
  type: 'server_hello';
  raw: Uint8Array;
  /** §4.1.3: random equal to SHA-256("HelloRetryRequest"). */
  isHelloRetryRequest: boolean;
  /** §4.1.3: which downgrade sentinel ends random, if any. */
  downgradeSentinel: 'TLS12' | 'TLS11' | undefined;
  /** supported_versions.selected_version, when present. */
  selectedVersion?: number;
  /** The server's key share (or, in a HelloRetryRequest, the selected group with an empty key). */
  keyShare?: KeyShareEntry;
}

export function encodeServerHello(h: ServerHelloFields): Uint8Array {
  abytes(h.random, 32, 'random');
  return encodeHandshake(
    HandshakeType.server_hello,
    concatBytes(
      encodeUint(h.legacyVersion, 2),
      h.random,
      encodeVector(1, h.legacySessionIdEcho, 0, 32, 'legacy_session_id_echo'),
      encodeUint(h.cipherSuite, 2),
      encodeUint(h.legacyCompressionMethod, 1),
      h.extensions === undefined ? new Uint8Array(0) : encodeExtensions(h.extensions),
    ),
  );
}

/** §4.1.3: which downgrade sentinel, if any, the last 8 bytes of ServerHello.random carry. */
export function downgradeSentinelOf(random: Uint8Array): 'TLS12' | 'TLS11' | undefined {
  abytes(random, 32, 'random');
  const tail = random.subarray(24);
  if (equalBytes(tail, DOWNGRADE_TLS12)) return 'TLS12';
  if (equalBytes(tail, DOWNGRADE_TLS11)) return 'TLS11';
  return undefined;
}

function readServerHello(message: Uint8Array, fields: WireField[]): ServerHello {
  const r = readHeader(message, HandshakeType.server_hello, fields);
  const legacyVersion = r.uint(2, 'legacy_version', versionName);
  const random = r.bytes(32, 'random', (b) => {
    if (equalBytes(b, HELLO_RETRY_REQUEST_RANDOM)) return 'SHA-256("HelloRetryRequest"): this is a HelloRetryRequest';
    const sentinel = downgradeSentinelOf(b);
    return sentinel
      ? `random whose last 8 bytes are the ${sentinel === 'TLS12' ? 'TLS 1.2' : 'TLS 1.1'} downgrade sentinel "DOWNGRD": ${hexPreview(b)}`
      : `32 fresh random bytes: ${hexPreview(b)}`;
  });
  const legacySessionIdEcho = r.vector(
    1,
    0,
    32,
    'legacy_session_id_echo',
    (b) => `echo of the client's session id: ${hexPreview(b)}`,
  );
  const cipherSuite = r.uint(2, 'cipher_suite', cipherSuiteName);
  const legacyCompressionMethod = r.uint(1, 'legacy_compression_method', (m) => (m === 0 ? 'null (0)' : `method ${m}`));
  const isHelloRetryRequest = equalBytes(random, HELLO_RETRY_REQUEST_RANDOM);
  const ctx: ExtensionContext = isHelloRetryRequest ? 'hello_retry_request' : 'server_hello';
  // A TLS 1.2 ServerHello (RFC 5246 §7.4.1.3) may omit the extensions block.
  const extensions = r.remaining > 0 ? readExtensions(r, 0, ctx) : undefined;
  r.end();
  const exts = extensions ?? [];
  return {
    type: 'server_hello',
    raw: message.slice(),
    legacyVersion,
    random,
    legacySessionIdEcho,
    cipherSuite,
    legacyCompressionMethod,
    extensions,
    isHelloRetryRequest,
    downgradeSentinel: downgradeSentinelOf(random),
    selectedVersion: supportedVersionsOf(exts, ctx)?.[0],
    keyShare: keySharesOf(exts, ctx)?.[0],
  };
}

export const parseServerHello = (message: Uint8Array): ServerHello => readServerHello(message, []);

// ——— EncryptedExtensions (§4.3.1) ———

export interface EncryptedExtensions {
  type: 'encrypted_extensions';
  raw: Uint8Array;
  extensions: Extension[];
}

export const encodeEncryptedExtensions = (extensions: readonly Extension[]): Uint8Array =>
  encodeHandshake(HandshakeType.encrypted_extensions, encodeExtensions(extensions));

function readEncryptedExtensions(message: Uint8Array, fields: WireField[]): EncryptedExtensions {
  const r = readHeader(message, HandshakeType.encrypted_extensions, fields);
  const extensions = readExtensions(r, 0, 'encrypted_extensions');
  r.end();
  return { type: 'encrypted_extensions', raw: message.slice(), extensions };
}

export const parseEncryptedExtensions = (message: Uint8Array): EncryptedExtensions =>
  readEncryptedExtensions(message, []);

// ——— Certificate (§4.4.2) ———

export interface CertificateEntry {
  /** X.509 certificate, DER. The TLS layer treats it as opaque. */
  certData: Uint8Array;
  extensions: Extension[];
}

export interface Certificate {
  type: 'certificate';
  raw: Uint8Array;
  certificateRequestContext: Uint8Array;
  certificateList: CertificateEntry[];
}

/** Certificate with an empty request context and one entry per DER certificate, leaf first, no extensions. */
export function encodeCertificate(
  chainDer: readonly Uint8Array[],
  certificateRequestContext = new Uint8Array(0),
): Uint8Array {
  for (const [i, der] of chainDer.entries()) abytes(der, undefined, `chainDer[${i}]`);
  const entries = chainDer.map((der) =>
    concatBytes(encodeVector(3, der, 1, 0xffffff, 'cert_data'), encodeExtensions([])),
  );
  return encodeHandshake(
    HandshakeType.certificate,
    concatBytes(
      encodeVector(1, certificateRequestContext, 0, 0xff, 'certificate_request_context'),
      encodeVector(3, concatBytes(...entries), 0, 0xffffff, 'certificate_list'),
    ),
  );
}

function readCertificate(message: Uint8Array, fields: WireField[]): Certificate {
  const r = readHeader(message, HandshakeType.certificate, fields);
  const certificateRequestContext = r.vector(1, 0, 0xff, 'certificate_request_context', (b) =>
    b.length === 0 ? "empty: this is the server's certificate, not an answer to a request" : hexPreview(b),
  );
  const list = r.nested(3, 0, 0xffffff, 'certificate_list');
  const certificateList: CertificateEntry[] = [];
  while (list.remaining > 0) {
    const n = certificateList.length;
    const certData = list.vector(
      3,
      1,
      0xffffff,
      'cert_data',
      (b) => `${n === 0 ? 'leaf' : `chain #${n}`} certificate, ${b.length} bytes of DER`,
    );
    certificateList.push({ certData, extensions: readExtensions(list, 0, 'certificate') });
  }
  r.end();
  return { type: 'certificate', raw: message.slice(), certificateRequestContext, certificateList };
}

export const parseCertificate = (message: Uint8Array): Certificate => readCertificate(message, []);

// ——— CertificateVerify (§4.4.3) ———

export interface CertificateVerify {
  type: 'certificate_verify';
  raw: Uint8Array;
  algorithm: number;
  signature: Uint8Array;
}

export function encodeCertificateVerify(algorithm: number, signature: Uint8Array): Uint8Array {
  aint(algorithm, 0, 0xffff, 'algorithm');
  return encodeHandshake(
    HandshakeType.certificate_verify,
    concatBytes(encodeUint(algorithm, 2), encodeVector(2, signature, 0, 0xffff, 'signature')),
  );
}

function readCertificateVerify(message: Uint8Array, fields: WireField[]): CertificateVerify {
  const r = readHeader(message, HandshakeType.certificate_verify, fields);
  const algorithm = r.uint(2, 'algorithm', signatureSchemeName);
  const signature = r.vector(2, 0, 0xffff, 'signature', (b) => `signature over the transcript hash: ${hexPreview(b)}`);
  r.end();
  return { type: 'certificate_verify', raw: message.slice(), algorithm, signature };
}

export const parseCertificateVerify = (message: Uint8Array): CertificateVerify => readCertificateVerify(message, []);

const CONTEXT_STRINGS = {
  server: 'TLS 1.3, server CertificateVerify',
  client: 'TLS 1.3, client CertificateVerify',
} as const;

/** §4.4.3: 64 spaces ‖ context string ‖ 0x00 ‖ Transcript-Hash(ClientHello … Certificate): the bytes that are signed. */
export function certificateVerifyContent(
  transcriptHash: Uint8Array,
  sender: 'server' | 'client' = 'server',
): Uint8Array {
  abytes(transcriptHash, HASH_LENGTH, 'transcriptHash');
  return concatBytes(
    new Uint8Array(64).fill(0x20),
    utf8ToBytes(CONTEXT_STRINGS[sender]),
    Uint8Array.of(0),
    transcriptHash,
  );
}

// ——— Finished (§4.4.4) ———

export interface Finished {
  type: 'finished';
  raw: Uint8Array;
  verifyData: Uint8Array;
}

export function encodeFinished(verifyData: Uint8Array): Uint8Array {
  abytes(verifyData, HASH_LENGTH, 'verifyData');
  return encodeHandshake(HandshakeType.finished, verifyData);
}

function readFinished(message: Uint8Array, fields: WireField[]): Finished {
  const r = readHeader(message, HandshakeType.finished, fields);
  if (r.remaining !== HASH_LENGTH) r.fail(`verify_data must be ${HASH_LENGTH} bytes (SHA-256), not ${r.remaining}.`);
  const verifyData = r.bytes(HASH_LENGTH, 'verify_data', 'HMAC of the transcript under the finished key');
  return { type: 'finished', raw: message.slice(), verifyData };
}

export const parseFinished = (message: Uint8Array): Finished => readFinished(message, []);

// ——— NewSessionTicket (§4.6.1) ———

/** §4.6.1: servers MUST NOT give a ticket a lifetime over seven days. */
export const MAX_TICKET_LIFETIME = 604800;

export interface NewSessionTicketFields {
  /** Seconds the ticket may be used for, at most seven days. */
  ticketLifetime: number;
  /** Added (mod 2^32) to the ticket's age when the client offers it, hiding the age from onlookers. */
  ticketAgeAdd: number;
  /** Distinguishes the tickets of one connection; mixed into the resumption PSK (§4.6.1). */
  ticketNonce: Uint8Array;
  /** Opaque to the client: the server's (usually encrypted) record of the session. */
  ticket: Uint8Array;
  extensions: Extension[];
}

export interface NewSessionTicket extends NewSessionTicketFields {
  type: 'new_session_ticket';
  raw: Uint8Array;
}

export function encodeNewSessionTicket(t: NewSessionTicketFields): Uint8Array {
  aint(t.ticketLifetime, 0, MAX_TICKET_LIFETIME, 'ticketLifetime');
  aint(t.ticketAgeAdd, 0, 0xffffffff, 'ticketAgeAdd');
  return encodeHandshake(
    HandshakeType.new_session_ticket,
    concatBytes(
      encodeUint(t.ticketLifetime, 4),
      encodeUint(t.ticketAgeAdd, 4),
      encodeVector(1, t.ticketNonce, 0, 255, 'ticket_nonce'),
      encodeVector(2, t.ticket, 1, 0xffff, 'ticket'),
      encodeExtensions(t.extensions),
    ),
  );
}

function readNewSessionTicket(message: Uint8Array, fields: WireField[]): NewSessionTicket {
  const r = readHeader(message, HandshakeType.new_session_ticket, fields);
  const ticketLifetime = r.uint(4, 'ticket_lifetime', (s) => `${s} seconds (${(s / 3600).toFixed(1)} hours)`);
  if (ticketLifetime > MAX_TICKET_LIFETIME)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      `NewSessionTicket: a ticket may live at most 604800 seconds (seven days), not ${ticketLifetime} (§4.6.1).`,
    );
  const ticketAgeAdd = r.uint(
    4,
    'ticket_age_add',
    'random number added to the ticket age, so resuming does not reveal it',
  );
  const ticketNonce = r.vector(
    1,
    0,
    255,
    'ticket_nonce',
    (b) => `per-ticket nonce for the resumption key: ${hexPreview(b)}`,
  );
  const ticket = r.vector(
    2,
    1,
    0xffff,
    'ticket',
    (b) => `opaque ticket, only the server can read it: ${hexPreview(b)}`,
  );
  const extensions = readExtensions(r, 0, 'new_session_ticket');
  r.end();
  return {
    type: 'new_session_ticket',
    raw: message.slice(),
    ticketLifetime,
    ticketAgeAdd,
    ticketNonce,
    ticket,
    extensions,
  };
}

export const parseNewSessionTicket = (message: Uint8Array): NewSessionTicket => readNewSessionTicket(message, []);

// ——— KeyUpdate (§4.6.3) ———

/** KeyUpdateRequest (§4.6.3). */
export const KeyUpdateRequest = { update_not_requested: 0, update_requested: 1 } as const;

export interface KeyUpdate {
  type: 'key_update';
  raw: Uint8Array;
  /** Whether the sender asks the receiver to update its own sending keys too. */
  updateRequested: boolean;
}

export const encodeKeyUpdate = (updateRequested: boolean): Uint8Array =>
  encodeHandshake(
    HandshakeType.key_update,
    Uint8Array.of(updateRequested ? KeyUpdateRequest.update_requested : KeyUpdateRequest.update_not_requested),
  );

function readKeyUpdate(message: Uint8Array, fields: WireField[]): KeyUpdate {
  const r = readHeader(message, HandshakeType.key_update, fields);
  const request = r.uint(1, 'request_update', (v) =>
    v === 0 ? 'update_not_requested (0)' : v === 1 ? 'update_requested (1): answer with a KeyUpdate' : `invalid (${v})`,
  );
  r.end();
  // §4.6.3: any other value is illegal_parameter.
  if (request > 1)
    throw new TlsError('ILLEGAL_PARAMETER', `KeyUpdate.request_update must be 0 or 1, not ${request} (§4.6.3).`);
  return { type: 'key_update', raw: message.slice(), updateRequested: request === 1 };
}

export const parseKeyUpdate = (message: Uint8Array): KeyUpdate => readKeyUpdate(message, []);

// ——— any message ———

export type HandshakeMessage =
  | ClientHello
  | ServerHello
  | EncryptedExtensions
  | Certificate
  | CertificateVerify
  | Finished
  | NewSessionTicket
  | KeyUpdate;

const READERS: Record<number, (message: Uint8Array, fields: WireField[]) => HandshakeMessage> = {
  [HandshakeType.client_hello]: readClientHello,
  [HandshakeType.server_hello]: readServerHello,
  [HandshakeType.encrypted_extensions]: readEncryptedExtensions,
  [HandshakeType.certificate]: readCertificate,
  [HandshakeType.certificate_verify]: readCertificateVerify,
  [HandshakeType.finished]: readFinished,
  [HandshakeType.new_session_ticket]: readNewSessionTicket,
  [HandshakeType.key_update]: readKeyUpdate,
};

/** Parses any handshake message the engine handles; any other type is unexpected_message. */
export function parseHandshakeMessage(message: Uint8Array): HandshakeMessage {
  abytes(message, undefined, 'message');
  const read = message.length > 0 ? READERS[message[0]!] : undefined;
  if (!read)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      message.length === 0
        ? 'An empty handshake message.'
        : `${handshakeTypeName(message[0]!)} is not a message this game handles.`,
    );
  return read(message, []);
}

/**
 * Labelled fields of one handshake message for the hex inspector (offsets from the message's first byte).
 * On malformed bytes returns the fields read so far and the error that stopped the walk.
 */
export function describeHandshakeMessage(message: Uint8Array): { fields: WireField[]; error?: TlsError } {
  abytes(message, undefined, 'message');
  const fields: WireField[] = [];
  try {
    const read = message.length > 0 ? READERS[message[0]!] : undefined;
    if (read) read(message, fields);
    else {
      const r = readHeader(message, undefined, fields);
      if (r.remaining > 0) r.bytes(r.remaining, 'body', (b) => `${b.length} bytes, not decoded by the game`);
    }
    return { fields };
  } catch (error) {
    if (error instanceof TlsError) return { fields, error };
    throw error;
  }
}

/** Labelled fields of several concatenated handshake messages (e.g. a decrypted record). */
export function describeHandshakeMessages(bytes: Uint8Array): { fields: WireField[]; error?: TlsError } {
  const fields: WireField[] = [];
  let messages: Uint8Array[];
  try {
    messages = splitHandshakeMessages(bytes);
  } catch (error) {
    if (error instanceof TlsError) return { fields, error };
    throw error;
  }
  let offset = 0;
  for (const message of messages) {
    const described = describeHandshakeMessage(message);
    fields.push(...described.fields.map((f) => ({ ...f, offset: f.offset + offset })));
    if (described.error) return { fields, error: described.error };
    offset += message.length;
  }
  return { fields };
}
