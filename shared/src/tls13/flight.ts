/** Handshake messages carried in records: in the clear before ServerHello, protected after it. RFC 8446 §5.1, §5.2, §6, §D.4 @module */
import { abytes, concatBytes } from '../bytes/bytes.ts';
import { alertReceived, parseAlert } from './alert.ts';
import { type CipherSuite, ContentType, contentTypeName } from './constants.ts';
import { TlsError } from './errors.ts';
import type { TrafficKeys } from './keySchedule.ts';
import { splitHandshakeMessages } from './messages.ts';
import {
  encodeHandshakeRecords,
  MAX_PLAINTEXT,
  openRecord,
  sealRecord,
  splitRecords,
  type TlsRecord,
} from './record.ts';

/** Records arrive either as one byte stream or as a list of record byte strings. */
export type RecordInput = Uint8Array | readonly Uint8Array[];

/** Every record in the input, in order. */
export function recordsOf(input: RecordInput): TlsRecord[] {
  const chunks = input instanceof Uint8Array ? [input] : input;
  for (const [i, c] of chunks.entries()) abytes(c, undefined, `records[${i}]`);
  return splitRecords(concatBytes(...chunks));
}

/** §D.4: a peer in middlebox-compatibility mode may send change_cipher_spec (one byte, 0x01); it is skipped. */
function isCompatibilityCcs(record: TlsRecord): boolean {
  if (record.contentType !== ContentType.change_cipher_spec) return false;
  if (record.fragment.length !== 1 || record.fragment[0] !== 0x01)
    throw new TlsError('UNEXPECTED_MESSAGE', 'A change_cipher_spec record must hold the single byte 0x01 (§5).');
  return true;
}

/** Handshake messages from plaintext records (ClientHello, ServerHello). */
export function readPlaintextHandshake(input: RecordInput, what: string): Uint8Array[] {
  const fragments: Uint8Array[] = [];
  for (const record of recordsOf(input)) {
    if (isCompatibilityCcs(record)) continue;
    // §6: the peer refused us in the clear (e.g. a handshake_failure to our ClientHello).
    if (record.contentType === ContentType.alert) throw alertReceived(parseAlert(record.fragment));
    if (record.contentType !== ContentType.handshake)
      throw new TlsError(
        'UNEXPECTED_MESSAGE',
        `Expected ${what} in a handshake record, but got ${contentTypeName(record.contentType)}.`,
      );
    fragments.push(record.fragment);
  }
  const messages = splitHandshakeMessages(concatBytes(...fragments));
  if (messages.length === 0)
    throw new TlsError('UNEXPECTED_MESSAGE', `Expected ${what}, but no handshake message arrived.`);
  return messages;
}

/** A handshake message in the clear, framed in TLSPlaintext records (one record unless over 2^14 bytes). */
export const plaintextHandshakeRecords = (message: Uint8Array, legacyVersion = 0x0303): Uint8Array[] =>
  encodeHandshakeRecords(message, legacyVersion);

/** Seals handshake messages one (or, above 2^14 bytes, several) records each, from sequence number `seq`. */
export function sealHandshakeMessages(
  keys: TrafficKeys,
  suite: CipherSuite,
  seq: number,
  messages: readonly Uint8Array[],
): { records: Uint8Array[]; seq: number } {
  const records: Uint8Array[] = [];
  let next = seq;
  for (const message of messages)
    for (let i = 0; i < message.length; i += MAX_PLAINTEXT)
      records.push(
        sealRecord(keys.key, keys.iv, next++, ContentType.handshake, message.subarray(i, i + MAX_PLAINTEXT), suite),
      );
  return { records, seq: next };
}

/**
 * Opens protected records from sequence number `seq` and returns the handshake messages they carry.
 * Any record that is not a handshake message (after skipping a compatibility change_cipher_spec) is unexpected.
 */
export function openHandshakeMessages(
  keys: TrafficKeys,
  suite: CipherSuite,
  seq: number,
  input: RecordInput,
  what: string,
): { messages: Uint8Array[]; seq: number } {
  const fragments: Uint8Array[] = [];
  let next = seq;
  for (const record of recordsOf(input)) {
    if (isCompatibilityCcs(record)) continue;
    // §6: an alert may also come in the clear if the peer could not set up its keys.
    if (record.contentType === ContentType.alert) throw alertReceived(parseAlert(record.fragment));
    const opened = openRecord(keys.key, keys.iv, next++, record.bytes, suite);
    if (opened.contentType === ContentType.alert) throw alertReceived(parseAlert(opened.plaintext));
    if (opened.contentType !== ContentType.handshake)
      throw new TlsError(
        'UNEXPECTED_MESSAGE',
        `Expected ${what} (handshake), but a protected ${contentTypeName(opened.contentType)} record arrived.`,
      );
    fragments.push(opened.plaintext);
  }
  return { messages: splitHandshakeMessages(concatBytes(...fragments)), seq: next };
}
