/** TLS 1.2 record layer: TLSPlaintext framing and AES-128-GCM protected records. RFC 5246 §6.2, RFC 5288 §3 @module */
import { ArgumentError, abytes, aint, concatBytes, uintBE } from '../bytes/bytes.ts';
import { aesGcm } from '../crypto/primitives.ts';
import { Tls12Error } from './errors.ts';
import { encodeUint } from './wire.ts';

/** ContentType (§6.2.1). */
export const CONTENT_TYPE = { change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23 } as const;
export type ContentTypeName = keyof typeof CONTENT_TYPE;

export const contentTypeName = (t: number): ContentTypeName | undefined =>
  (Object.keys(CONTENT_TYPE) as ContentTypeName[]).find((k) => CONTENT_TYPE[k] === t);

/** One record as framed on the wire (§6.2.1); `fragment` is still encrypted if the record is protected. */
export interface TlsRecord {
  contentType: ContentTypeName;
  version: number;
  fragment: Uint8Array;
}

export const RECORD_HEADER_LENGTH = 5;
export const RECORD_VERSION = 0x0303;
/** §6.2.1: TLSPlaintext.length MUST NOT exceed 2^14. */
export const MAX_PLAINTEXT_LENGTH = 2 ** 14;
/** §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048. */
export const MAX_CIPHERTEXT_LENGTH = 2 ** 14 + 2048;
/** RFC 5288 §3: nonce_explicit is 8 bytes; the GCM tag is 16. */
export const EXPLICIT_NONCE_LENGTH = 8;
export const TAG_LENGTH = 16;

function header(contentType: ContentTypeName, length: number): Uint8Array {
  return concatBytes(encodeUint(CONTENT_TYPE[contentType], 1), encodeUint(RECORD_VERSION, 2), encodeUint(length, 2));
}

function assertContentType(contentType: unknown): asserts contentType is ContentTypeName {
  if (typeof contentType !== 'string' || !(contentType in CONTENT_TYPE))
    throw new ArgumentError(`contentType: expected one of ${Object.keys(CONTENT_TYPE).join(', ')}`);
}

/** TLSPlaintext = type ‖ version (0x0303) ‖ length ‖ fragment (§6.2.1), unprotected. */
export function encodeRecord(contentType: ContentTypeName, fragment: Uint8Array): Uint8Array {
  assertContentType(contentType);
  abytes(fragment, undefined, 'fragment');
  aint(fragment.length, 0, MAX_PLAINTEXT_LENGTH, 'fragment length');
  return concatBytes(header(contentType, fragment.length), fragment);
}

/** Cuts `data` into records of at most 2^14 bytes each (§6.2.1 fragmentation). */
export function encodeRecords(contentType: ContentTypeName, data: Uint8Array): Uint8Array[] {
  abytes(data, undefined, 'data');
  const records: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += MAX_PLAINTEXT_LENGTH)
    records.push(encodeRecord(contentType, data.subarray(i, i + MAX_PLAINTEXT_LENGTH)));
  return records;
}

/** Parses one record's header at `offset` and returns it with the offset just past it. */
function readRecord(bytes: Uint8Array, offset: number): { record: TlsRecord; next: number } {
  if (bytes.length - offset < RECORD_HEADER_LENGTH)
    throw new Tls12Error('DECODE_ERROR', 'A record ends inside its 5-byte header (type, version, length).');
  const type = bytes[offset]!;
  const contentType = contentTypeName(type);
  if (contentType === undefined)
    throw new Tls12Error('UNEXPECTED_MESSAGE', `Record content type ${type} is not one TLS 1.2 defines (20 to 23).`);
  const version = (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
  // Appendix E.1: record versions {03,01}..{03,03} are seen on the wire; anything else is not TLS 1.x.
  if (version < 0x0301 || version > 0x0303)
    throw new Tls12Error(
      'PROTOCOL_VERSION',
      `The record says version 0x${version.toString(16)}, which is not TLS 1.0–1.2.`,
    );
  const length = (bytes[offset + 3]! << 8) | bytes[offset + 4]!;
  if (length > MAX_CIPHERTEXT_LENGTH)
    throw new Tls12Error('RECORD_OVERFLOW', `The record claims ${length} bytes; TLS 1.2 allows at most 2^14 + 2048.`);
  const start = offset + RECORD_HEADER_LENGTH;
  if (bytes.length - start < length)
    throw new Tls12Error('DECODE_ERROR', `The record claims ${length} bytes but only ${bytes.length - start} follow.`);
  return { record: { contentType, version, fragment: bytes.slice(start, start + length) }, next: start + length };
}

/** Parses exactly one record; trailing bytes are an error. */
export function parseRecord(bytes: Uint8Array): TlsRecord {
  abytes(bytes, undefined, 'bytes');
  const { record, next } = readRecord(bytes, 0);
  if (next !== bytes.length)
    throw new Tls12Error('DECODE_ERROR', `${bytes.length - next} unexpected bytes follow the record.`);
  return record;
}

/** Splits a captured byte stream into whole records; a stream that stops mid-record is an error. */
export function splitRecords(stream: Uint8Array): TlsRecord[] {
  abytes(stream, undefined, 'stream');
  const records: TlsRecord[] = [];
  for (let offset = 0; offset < stream.length; ) {
    const { record, next } = readRecord(stream, offset);
    records.push(record);
    offset = next;
  }
  return records;
}

/** One direction of a connection after ChangeCipherSpec (§6.1): write key, 4-byte salt (the write IV), next sequence number. */
export interface RecordProtection {
  key: Uint8Array;
  salt: Uint8Array;
  seq: number;
}

function assertProtection(protection: RecordProtection): void {
  if (protection === null || typeof protection !== 'object') throw new ArgumentError('protection: expected an object');
  abytes(protection.key, 16, 'protection.key');
  abytes(protection.salt, 4, 'protection.salt');
  aint(protection.seq, 0, Number.MAX_SAFE_INTEGER, 'protection.seq');
}

/** additional_data = seq_num (8) ‖ type ‖ version ‖ length of the plaintext (§6.2.3.3). */
function additionalData(seq: number, type: number, version: number, plaintextLength: number): Uint8Array {
  return concatBytes(uintBE(seq, 8), encodeUint(type, 1), encodeUint(version, 2), encodeUint(plaintextLength, 2));
}

/**
 * AES-128-GCM record (RFC 5288 §3): nonce = salt ‖ nonce_explicit, where nonce_explicit is the sequence
 * number and travels in front of the ciphertext; fragment = nonce_explicit ‖ ciphertext ‖ tag.
 */
export function sealRecord(
  protection: RecordProtection,
  contentType: ContentTypeName,
  plaintext: Uint8Array,
): { protection: RecordProtection; record: Uint8Array } {
  assertProtection(protection);
  assertContentType(contentType);
  abytes(plaintext, undefined, 'plaintext');
  aint(plaintext.length, 0, MAX_PLAINTEXT_LENGTH, 'plaintext length');
  const { key, salt, seq } = protection;
  const explicitNonce = uintBE(seq, EXPLICIT_NONCE_LENGTH);
  const aad = additionalData(seq, CONTENT_TYPE[contentType], RECORD_VERSION, plaintext.length);
  const sealed = aesGcm(key, concatBytes(salt, explicitNonce), aad).encrypt(plaintext);
  const fragment = concatBytes(explicitNonce, sealed);
  return {
    protection: { ...protection, seq: seq + 1 },
    record: concatBytes(header(contentType, fragment.length), fragment),
  };
}

/**
 * Opens an AES-128-GCM record with this direction's next sequence number. A replayed, reordered or
 * altered record fails the tag check (the sequence number is in the additional data): BAD_RECORD_MAC.
 */
export function openRecord(
  protection: RecordProtection,
  recordBytes: Uint8Array,
): { protection: RecordProtection; contentType: ContentTypeName; plaintext: Uint8Array } {
  assertProtection(protection);
  const { contentType, version, fragment } = parseRecord(recordBytes);
  const { key, salt, seq } = protection;
  const plaintextLength = fragment.length - EXPLICIT_NONCE_LENGTH - TAG_LENGTH;
  if (plaintextLength < 0)
    throw new Tls12Error('BAD_RECORD_MAC', 'The record is too short to hold an explicit nonce and a GCM tag.');
  const explicitNonce = fragment.subarray(0, EXPLICIT_NONCE_LENGTH);
  const aad = additionalData(seq, CONTENT_TYPE[contentType], version, plaintextLength);
  let plaintext: Uint8Array;
  try {
    plaintext = aesGcm(key, concatBytes(salt, explicitNonce), aad).decrypt(fragment.subarray(EXPLICIT_NONCE_LENGTH));
  } catch {
    throw new Tls12Error(
      'BAD_RECORD_MAC',
      `Record ${seq} fails its GCM tag check: it was altered, replayed, reordered, or sealed with other keys.`,
    );
  }
  if (plaintext.length > MAX_PLAINTEXT_LENGTH)
    throw new Tls12Error('RECORD_OVERFLOW', 'The decrypted record is longer than 2^14 bytes.');
  return { protection: { ...protection, seq: seq + 1 }, contentType, plaintext };
}
