/** TLS 1.3 record layer: TLSPlaintext framing, AEAD-protected TLSCiphertext, per-record nonce. RFC 8446 §5.1, §5.2, §5.3, §5.4 @module */
import { ArgumentError, abytes, aint, concatBytes, uintBE } from '../bytes/bytes.ts';
import { aesGcm, chacha20Poly1305 } from '../crypto/primitives.ts';
import { CipherSuite, ContentType, contentTypeName, versionName } from './constants.ts';
import { TlsError } from './errors.ts';
import { IV_LENGTH } from './keySchedule.ts';
import type { WireField } from './wire.ts';

/** §5.1: a TLSPlaintext fragment is at most 2^14 bytes. */
export const MAX_PLAINTEXT = 2 ** 14;
/** §5.2: a TLSCiphertext's encrypted_record is at most 2^14 + 256 bytes. */
export const MAX_CIPHERTEXT = 2 ** 14 + 256;
/** Record header: type(1) ‖ legacy_record_version(2) ‖ length(2). */
export const RECORD_HEADER_LENGTH = 5;
/** Both game AEADs append a 16-byte tag. */
export const AEAD_TAG_LENGTH = 16;

const MAX_SEQ = 2n ** 64n - 1n;
const KNOWN_CONTENT_TYPES: readonly number[] = Object.values(ContentType);

/** One record as read from the wire. */
export interface TlsRecord {
  contentType: number;
  legacyRecordVersion: number;
  /** The fragment (plaintext) or encrypted_record (ciphertext). */
  fragment: Uint8Array;
  /** The whole record, header included. */
  bytes: Uint8Array;
  /** Where the record starts in the stream it was split from. */
  offset: number;
}

function header(contentType: number, legacyVersion: number, length: number): Uint8Array {
  return concatBytes(Uint8Array.of(contentType), uintBE(legacyVersion, 2), uintBE(length, 2));
}

/** TLSPlaintext (§5.1). 0x0301 only for an initial ClientHello, 0x0303 otherwise. */
export function encodePlaintextRecord(contentType: number, fragment: Uint8Array, legacyVersion = 0x0303): Uint8Array {
  aint(contentType, 0, 255, 'contentType');
  abytes(fragment, undefined, 'fragment');
  if (legacyVersion !== 0x0301 && legacyVersion !== 0x0303) throw new ArgumentError('legacyVersion: 0x0301 or 0x0303');
  if (fragment.length > MAX_PLAINTEXT)
    throw new TlsError(
      'RECORD_OVERFLOW',
      `A plaintext record carries at most 2^14 bytes; this one had ${fragment.length}.`,
    );
  if (fragment.length === 0 && contentType !== ContentType.application_data)
    throw new ArgumentError('fragment: only application data may be empty (§5.1)');
  return concatBytes(header(contentType, legacyVersion, fragment.length), fragment);
}

/** Handshake messages in the clear, fragmented into TLSPlaintext records of at most 2^14 bytes (§5.1). */
export function encodeHandshakeRecords(messages: Uint8Array, legacyVersion = 0x0303): Uint8Array[] {
  abytes(messages, undefined, 'messages');
  const records: Uint8Array[] = [];
  for (let i = 0; i < messages.length; i += MAX_PLAINTEXT)
    records.push(encodePlaintextRecord(ContentType.handshake, messages.subarray(i, i + MAX_PLAINTEXT), legacyVersion));
  return records;
}

/**
 * Splits a byte stream into records (§5.1). Rejects an unknown content type (unexpected_message), an
 * oversized record (record_overflow) and a stream that stops inside a record (decode_error).
 */
export function splitRecords(stream: Uint8Array): TlsRecord[] {
  abytes(stream, undefined, 'stream');
  const records: TlsRecord[] = [];
  let offset = 0;
  while (offset < stream.length) {
    if (stream.length - offset < RECORD_HEADER_LENGTH)
      throw new TlsError(
        'DECODE_ERROR',
        `The data ends in the middle of a record header: ${stream.length - offset} of 5 bytes at offset ${offset}.`,
      );
    const contentType = stream[offset]!;
    const legacyRecordVersion = (stream[offset + 1]! << 8) | stream[offset + 2]!;
    const length = (stream[offset + 3]! << 8) | stream[offset + 4]!;
    if (!KNOWN_CONTENT_TYPES.includes(contentType))
      throw new TlsError('UNEXPECTED_MESSAGE', `Record at offset ${offset} has unknown content type ${contentType}.`);
    // §5.1: legacy_record_version is otherwise ignored, but a major version other than 3 is not TLS at all.
    if (legacyRecordVersion >> 8 !== 0x03)
      throw new TlsError(
        'PROTOCOL_VERSION',
        `Record at offset ${offset} claims version ${versionName(legacyRecordVersion)}: not a TLS record.`,
      );
    const limit = contentType === ContentType.application_data ? MAX_CIPHERTEXT : MAX_PLAINTEXT;
    if (length > limit)
      throw new TlsError(
        'RECORD_OVERFLOW',
        `Record at offset ${offset} is ${length} bytes long, over the ${limit}-byte limit for ${contentTypeName(contentType)}.`,
      );
    if (length === 0 && contentType !== ContentType.application_data)
      throw new TlsError(
        'UNEXPECTED_MESSAGE',
        `Record at offset ${offset} is an empty ${contentTypeName(contentType)}.`,
      );
    const end = offset + RECORD_HEADER_LENGTH + length;
    if (end > stream.length)
      throw new TlsError(
        'DECODE_ERROR',
        `The record at offset ${offset} says it holds ${length} bytes, but only ${stream.length - offset - RECORD_HEADER_LENGTH} follow.`,
      );
    records.push({
      contentType,
      legacyRecordVersion,
      fragment: stream.slice(offset + RECORD_HEADER_LENGTH, end),
      bytes: stream.slice(offset, end),
      offset,
    });
    offset = end;
  }
  return records;
}

/** Exactly one record: the bytes must hold one record and nothing more. */
export function parseRecord(record: Uint8Array): TlsRecord {
  const records = splitRecords(record);
  if (records.length !== 1) throw new TlsError('DECODE_ERROR', `Expected exactly one record, found ${records.length}.`);
  return records[0]!;
}

type Aead = (
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
) => {
  encrypt(plaintext: Uint8Array): Uint8Array;
  decrypt(ciphertext: Uint8Array): Uint8Array;
};

/** The AEAD for a suite, or inferred from the key length (16 → AES-128-GCM, 32 → ChaCha20-Poly1305). */
function aeadFor(key: Uint8Array, suite: CipherSuite | undefined): Aead {
  const expected = suite === undefined ? undefined : suite === CipherSuite.TLS_AES_128_GCM_SHA256 ? 16 : 32;
  if (suite !== undefined && suite !== 0x1301 && suite !== 0x1303)
    throw new ArgumentError('suite: expected 0x1301 or 0x1303');
  abytes(key, expected, 'key');
  if (key.length === 16) return aesGcm;
  if (key.length === 32) return chacha20Poly1305;
  throw new ArgumentError('key: expected 16 bytes (AES-128-GCM) or 32 bytes (ChaCha20-Poly1305)');
}

/** §5.3: the 64-bit sequence number, left-padded to iv_length and XORed with the static IV. */
export function recordNonce(iv: Uint8Array, seq: number | bigint): Uint8Array {
  abytes(iv, IV_LENGTH, 'iv');
  const n = typeof seq === 'bigint' ? seq : Number.isSafeInteger(seq) ? BigInt(seq) : -1n;
  if (n < 0n || n > MAX_SEQ) throw new ArgumentError('seq: expected an integer in [0, 2^64)');
  const padded = concatBytes(new Uint8Array(IV_LENGTH - 8), uintBE(n, 8));
  return padded.map((b, i) => b ^ iv[i]!);
}

/**
 * Protects one record (§5.2): TLSInnerPlaintext = content ‖ type (no padding), AAD = the 5-byte header
 * (opaque_type 23, legacy_record_version 0x0303, length), nonce per §5.3. Returns the full record.
 */
export function sealRecord(
  key: Uint8Array,
  iv: Uint8Array,
  seq: number | bigint,
  contentType: number,
  plaintext: Uint8Array,
  suite?: CipherSuite,
): Uint8Array {
  const aead = aeadFor(key, suite);
  const nonce = recordNonce(iv, seq);
  aint(contentType, 1, 255, 'contentType');
  abytes(plaintext, undefined, 'plaintext');
  if (plaintext.length > MAX_PLAINTEXT)
    throw new TlsError(
      'RECORD_OVERFLOW',
      `A record carries at most 2^14 bytes of content; this one had ${plaintext.length}.`,
    );
  const inner = concatBytes(plaintext, Uint8Array.of(contentType));
  const head = header(ContentType.application_data, 0x0303, inner.length + AEAD_TAG_LENGTH);
  return concatBytes(head, aead(key, nonce, head).encrypt(inner));
}

/** The content of a record after removing protection (§5.2, §5.4). */
export interface OpenedRecord {
  contentType: number;
  plaintext: Uint8Array;
}

/**
 * Removes protection from one record (§5.2): checks the header and length limits, authenticates and
 * decrypts (a bad tag is bad_record_mac), then strips the zero padding to find the real content type (§5.4).
 */
export function openRecord(
  key: Uint8Array,
  iv: Uint8Array,
  seq: number | bigint,
  record: Uint8Array,
  suite?: CipherSuite,
): OpenedRecord {
  const aead = aeadFor(key, suite);
  const nonce = recordNonce(iv, seq);
  abytes(record, undefined, 'record');
  const { contentType, fragment, bytes } = parseRecord(record);
  if (contentType !== ContentType.application_data)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `Expected a protected record (application_data, 23) but got ${contentTypeName(contentType)}.`,
    );
  if (fragment.length < AEAD_TAG_LENGTH + 1)
    throw new TlsError(
      'BAD_RECORD_MAC',
      `A protected record needs at least 17 bytes (content type and 16-byte tag); this one has ${fragment.length}.`,
    );
  let inner: Uint8Array;
  try {
    inner = aead(key, nonce, bytes.subarray(0, RECORD_HEADER_LENGTH)).decrypt(fragment);
  } catch (cause) {
    throw new TlsError(
      'BAD_RECORD_MAC',
      'The record failed authentication: its tag does not match, so it was altered, replayed, or sealed with other keys.',
      { cause },
    );
  }
  if (inner.length > MAX_PLAINTEXT + 1)
    throw new TlsError('RECORD_OVERFLOW', `Decrypted record is ${inner.length} bytes, over the 2^14 + 1 limit (§5.4).`);
  let end = inner.length;
  while (end > 0 && inner[end - 1] === 0) end--;
  if (end === 0)
    throw new TlsError('UNEXPECTED_MESSAGE', 'Decrypted record is all zeros: it has no content type (§5.4).');
  const innerType = inner[end - 1]!;
  if (
    innerType !== ContentType.alert &&
    innerType !== ContentType.handshake &&
    innerType !== ContentType.application_data
  )
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `Decrypted record has content type ${contentTypeName(innerType)}, not allowed inside protection.`,
    );
  const plaintext = inner.slice(0, end - 1);
  if (plaintext.length === 0 && innerType !== ContentType.application_data)
    throw new TlsError('UNEXPECTED_MESSAGE', `Decrypted ${contentTypeName(innerType)} record is empty (§5.4).`);
  return { contentType: innerType, plaintext };
}

/** Labelled header fields of a record (plaintext or protected) for the inspector; the body is one opaque field. */
export function describeRecordHeader(record: Uint8Array): WireField[] {
  const { contentType, legacyRecordVersion, fragment } = parseRecord(record);
  const fields: WireField[] = [
    { name: 'type', offset: 0, length: 1, description: contentTypeName(contentType) },
    {
      name: 'legacy_record_version',
      offset: 1,
      length: 2,
      description: `${versionName(legacyRecordVersion)} — frozen for middleboxes, ignored by TLS 1.3`,
    },
    { name: 'length', offset: 3, length: 2, description: `${fragment.length} bytes follow` },
  ];
  if (contentType === ContentType.application_data && fragment.length >= AEAD_TAG_LENGTH) {
    fields.push({
      name: 'encrypted_record',
      offset: 5,
      length: fragment.length - AEAD_TAG_LENGTH,
      description: 'AEAD ciphertext of content ‖ content type ‖ padding: unreadable without the traffic key',
    });
    fields.push({
      name: 'tag',
      offset: 5 + fragment.length - AEAD_TAG_LENGTH,
      length: AEAD_TAG_LENGTH,
      description: 'AEAD authentication tag: any change to header or ciphertext makes it fail',
    });
  } else {
    fields.push({
      name: 'fragment',
      offset: 5,
      length: fragment.length,
      description: `${contentTypeName(contentType)} in the clear`,
    });
  }
  return fields;
}
