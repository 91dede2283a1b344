/** TLS 1.2 handshake messages for RSA key transport: encode, strict parse, labelled fields. RFC 5246 §7.4 @module */
import { ArgumentError, abytes, concatBytes } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';
import { type Extension, encodeExtensions, readExtensions } from './extensions.ts';
import { encodeUint, encodeVector, type WireField, WireReader } from './wire.ts';

export const TLS12_VERSION = 0x0303;
/** RFC 5288 §3. */
export const TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c;
export const COMPRESSION_NULL = 0;
/** RFC 5746 §3.3: a cipher suite value that only signals secure renegotiation support. */
export const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;

/** HandshakeType (§7.4), the messages of an RSA full handshake. */
export const HANDSHAKE_TYPE = {
  client_hello: 1,
  server_hello: 2,
  certificate: 11,
  server_hello_done: 14,
  client_key_exchange: 16,
  finished: 20,
} as const;
export type HandshakeTypeName = keyof typeof HANDSHAKE_TYPE;

const VERSION_NAMES: Record<number, string> = { 768: 'SSL 3.0', 769: 'TLS 1.0', 770: 'TLS 1.1', 771: 'TLS 1.2' };
const SUITE_NAMES: Record<number, string> = {
  47: 'TLS_RSA_WITH_AES_128_CBC_SHA',
  53: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  156: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  157: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  49199: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  255: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV', // RFC 5746 §3.3
};
const hex4 = (v: number) => `0x${v.toString(16).padStart(4, '0')}`;
export const versionName = (v: number): string => VERSION_NAMES[v] ?? `unknown version ${hex4(v)}`;
export const cipherSuiteName = (v: number): string => SUITE_NAMES[v] ?? `cipher suite ${hex4(v)}`;
const handshakeTypeName = (t: number): HandshakeTypeName | undefined =>
  (Object.keys(HANDSHAKE_TYPE) as HandshakeTypeName[]).find((k) => HANDSHAKE_TYPE[k] === t);

/** §7.4.1.2 */
export interface ClientHello {
  type: 'client_hello';
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuites: number[];
  compressionMethods: number[];
  /** Empty means the extensions block is omitted. */
  extensions: Extension[];
}
/** §7.4.1.3 */
export interface ServerHello {
  type: 'server_hello';
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  compressionMethod: number;
  extensions: Extension[];
}
/** §7.4.2: the sender's certificate first, each one DER, treated here as opaque bytes. */
export interface Certificate {
  type: 'certificate';
  certificateList: Uint8Array[];
}
/** §7.4.5 */
export interface ServerHelloDone {
  type: 'server_hello_done';
}
/** §7.4.7.1: RSA key transport, with the 2-byte length TLS 1.0 and later put before the ciphertext. */
export interface ClientKeyExchange {
  type: 'client_key_exchange';
  encryptedPreMasterSecret: Uint8Array;
}
/** §7.4.9 */
export interface Finished {
  type: 'finished';
  verifyData: Uint8Array;
}
export type HandshakeMessage = ClientHello | ServerHello | Certificate | ServerHelloDone | ClientKeyExchange | Finished;

const MAX_U16 = 0xffff;
const MAX_U24 = 0xffffff;
export const RANDOM_LENGTH = 32;
export const VERIFY_DATA_LENGTH = 12;

const encodeSuites = (suites: number[]) =>
  encodeVector(2, concatBytes(...suites.map((s) => encodeUint(s, 2))), 2, 0xfffe, 'cipher_suites');

function encodeBody(message: HandshakeMessage): Uint8Array {
  switch (message.type) {
    case 'client_hello':
      abytes(message.random, RANDOM_LENGTH, 'random');
      return concatBytes(
        encodeUint(message.version, 2),
        message.random,
        encodeVector(1, message.sessionId, 0, 32, 'session_id'),
        encodeSuites(message.cipherSuites),
        encodeVector(1, Uint8Array.from(message.compressionMethods), 1, 0xff, 'compression_methods'),
        encodeExtensions(message.extensions),
      );
    case 'server_hello':
      abytes(message.random, RANDOM_LENGTH, 'random');
      return concatBytes(
        encodeUint(message.version, 2),
        message.random,
        encodeVector(1, message.sessionId, 0, 32, 'session_id'),
        encodeUint(message.cipherSuite, 2),
        encodeUint(message.compressionMethod, 1),
        encodeExtensions(message.extensions),
      );
    case 'certificate':
      return encodeVector(
        3,
        concatBytes(...message.certificateList.map((der) => encodeVector(3, der, 1, MAX_U24, 'ASN.1Cert'))),
        0,
        MAX_U24,
        'certificate_list',
      );
    case 'server_hello_done':
      return new Uint8Array(0);
    case 'client_key_exchange':
      return encodeVector(2, message.encryptedPreMasterSecret, 1, MAX_U16, 'EncryptedPreMasterSecret');
    case 'finished':
      abytes(message.verifyData, VERIFY_DATA_LENGTH, 'verifyData');
      return message.verifyData.slice();
    default:
      throw new ArgumentError(`message: unknown handshake type ${(message as { type: unknown }).type}`);
  }
}

/** Handshake = msg_type (1) ‖ length (3) ‖ body (§7.4). */
export function encodeHandshakeMessage(message: HandshakeMessage): Uint8Array {
  const body = encodeBody(message);
  return concatBytes(encodeUint(HANDSHAKE_TYPE[message.type], 1), encodeVector(3, body, 0, MAX_U24, 'body'));
}

// ---------------------------------------------------------------- parsing

const readVersion = (r: WireReader, name: string) => r.uint(2, name, (v) => `${hex4(v)} = ${versionName(v)}`);
const readRandom = (r: WireReader, who: string) =>
  r.bytes(RANDOM_LENGTH, 'random', `32 bytes the ${who} picked fresh for this handshake; they go into every key`);
const readSessionId = (r: WireReader) =>
  r.vector(1, 0, 32, 'session_id', (b) => (b.length === 0 ? 'empty: no session to resume' : 'a session to resume'));

function readClientHello(r: WireReader): ClientHello {
  const version = readVersion(r, 'client_version');
  const random = readRandom(r, 'client');
  const sessionId = readSessionId(r);
  const suites = r.nested(2, 2, 0xfffe, 'cipher_suites');
  if ((suites.remaining & 1) !== 0) suites.fail('cipher_suites has an odd length; each suite is 2 bytes.');
  const cipherSuites: number[] = [];
  while (suites.remaining > 0)
    cipherSuites.push(suites.uint(2, 'cipher_suite', (s) => `${hex4(s)} = ${cipherSuiteName(s)}`));
  const methods = r.nested(1, 1, 0xff, 'compression_methods');
  const compressionMethods: number[] = [];
  while (methods.remaining > 0)
    compressionMethods.push(
      methods.uint(1, 'compression_method', (m) => (m === 0 ? 'null (no compression)' : `method ${m}`)),
    );
  const extensions = readExtensions(r, 'client');
  return { type: 'client_hello', version, random, sessionId, cipherSuites, compressionMethods, extensions };
}

function readServerHello(r: WireReader): ServerHello {
  const version = readVersion(r, 'server_version');
  const random = readRandom(r, 'server');
  const sessionId = readSessionId(r);
  const cipherSuite = r.uint(2, 'cipher_suite', (s) => `the server's choice: ${hex4(s)} = ${cipherSuiteName(s)}`);
  const compressionMethod = r.uint(1, 'compression_method', (m) => (m === 0 ? 'null (no compression)' : `method ${m}`));
  const extensions = readExtensions(r, 'server');
  return { type: 'server_hello', version, random, sessionId, cipherSuite, compressionMethod, extensions };
}

function readCertificate(r: WireReader): Certificate {
  const list = r.nested(3, 0, MAX_U24, 'certificate_list');
  const certificateList: Uint8Array[] = [];
  while (list.remaining > 0) {
    const i = certificateList.length;
    const who = i === 0 ? "the server's own certificate" : 'a CA certificate that vouches for the one before';
    certificateList.push(list.vector(3, 1, MAX_U24, `certificate[${i}]`, `DER-encoded X.509: ${who}`));
  }
  return { type: 'certificate', certificateList };
}

function readClientKeyExchange(r: WireReader): ClientKeyExchange {
  const encryptedPreMasterSecret = r.vector(
    2,
    1,
    MAX_U16,
    'EncryptedPreMasterSecret',
    'the premaster secret, RSA-encrypted to the key in the server certificate: whoever holds the private key can read it, now or years later',
  );
  return { type: 'client_key_exchange', encryptedPreMasterSecret };
}

function readFinished(r: WireReader): Finished {
  const verifyData = r.bytes(
    VERIFY_DATA_LENGTH,
    'verify_data',
    'PRF(master_secret, finished_label, SHA-256(all handshake messages so far)): proves both sides saw the same handshake',
  );
  return { type: 'finished', verifyData };
}

const BODY_READERS: Record<HandshakeTypeName, (r: WireReader) => HandshakeMessage> = {
  client_hello: readClientHello,
  server_hello: readServerHello,
  certificate: readCertificate,
  server_hello_done: () => ({ type: 'server_hello_done' }),
  client_key_exchange: readClientKeyExchange,
  finished: readFinished,
};

function readHandshakeMessage(r: WireReader): HandshakeMessage {
  const msgType = r.uint(1, 'msg_type', (t) => `${t} = ${handshakeTypeName(t) ?? 'unknown'}`);
  const name = handshakeTypeName(msgType);
  if (name === undefined)
    throw new Tls12Error(
      'UNEXPECTED_MESSAGE',
      `Handshake message type ${msgType} is not part of a TLS 1.2 RSA handshake.`,
    );
  const body = r.nested(3, 0, MAX_U24, 'body');
  const message = BODY_READERS[name](body);
  body.end();
  r.end();
  return message;
}

/** Parses exactly one handshake message (header included); any malformed or trailing byte is a Tls12Error. */
export function parseHandshakeMessage(bytes: Uint8Array): HandshakeMessage {
  abytes(bytes, undefined, 'bytes');
  return readHandshakeMessage(new WireReader(bytes, 'Handshake message'));
}

/**
 * Labelled fields of one handshake message for the hex inspector. Never throws on bytes: if the
 * message is malformed, the fields read so far are followed by one `malformed` field saying why.
 */
export function describeHandshakeMessage(bytes: Uint8Array): WireField[] {
  abytes(bytes, undefined, 'bytes');
  const r = new WireReader(bytes, 'Handshake message');
  try {
    readHandshakeMessage(r);
  } catch (error) {
    if (!(error instanceof Tls12Error)) throw error;
    const offset = r.fields.reduce((end, f) => Math.max(end, f.offset + f.length), 0);
    r.fields.push({ name: 'malformed', offset, length: bytes.length - offset, description: error.message });
  }
  return r.fields;
}

/**
 * Splits a stream of handshake bytes (the concatenated fragments of handshake records, §6.2.1) into
 * whole messages; `rest` is an incomplete message still waiting for its next fragment.
 */
export function splitHandshakeMessages(stream: Uint8Array): { messages: Uint8Array[]; rest: Uint8Array } {
  abytes(stream, undefined, 'stream');
  const messages: Uint8Array[] = [];
  let pos = 0;
  while (stream.length - pos >= 4) {
    const length = (stream[pos + 1]! << 16) | (stream[pos + 2]! << 8) | stream[pos + 3]!;
    if (stream.length - pos < 4 + length) break;
    messages.push(stream.slice(pos, pos + 4 + length));
    pos += 4 + length;
  }
  return { messages, rest: stream.slice(pos) };
}

// ---------------------------------------------------------------- ChangeCipherSpec (§7.1)

/** The body of a ChangeCipherSpec record: one byte, change_cipher_spec(1). */
export const CHANGE_CIPHER_SPEC = Uint8Array.of(1);

export function parseChangeCipherSpec(fragment: Uint8Array): void {
  abytes(fragment, undefined, 'fragment');
  if (fragment.length !== 1 || fragment[0] !== 1)
    throw new Tls12Error('DECODE_ERROR', 'A ChangeCipherSpec record must hold exactly the single byte 01.');
}
