/** TLS 1.2 handshake: shared shapes, reading flights, application data. RFC 5246 §7.3, §7.4.9, §10 @module */
import { ArgumentError, abytes, concatBytes, equalBytes } from '../bytes/bytes.ts';
import { parseAlert, type Tls12Alert } from './alert.ts';
import { Tls12Error } from './errors.ts';
import {
  type HandshakeMessage,
  parseChangeCipherSpec,
  parseHandshakeMessage,
  splitHandshakeMessages,
} from './messages.ts';
import {
  MAX_PLAINTEXT_LENGTH,
  openRecord,
  parseRecord,
  type RecordProtection,
  sealRecord,
  type TlsRecord,
} from './record.ts';

/*
 * The full handshake of §7.3, one step per flight (handshakeClient.ts, handshakeServer.ts):
 *
 *   startClient            → ClientHello
 *   answerClientHello      ← ClientHello;  → ServerHello, Certificate, ServerHelloDone
 *   readServerHello        ← ServerHello, Certificate, ServerHelloDone (the caller then checks the certificate)
 *   sendClientKeyExchange  → ClientKeyExchange, [ChangeCipherSpec], Finished
 *   answerClientFinished   ← ClientKeyExchange, [ChangeCipherSpec], Finished;  → [ChangeCipherSpec], Finished
 *   readServerFinished     ← [ChangeCipherSpec], Finished
 *
 * Every flight is a list of whole records as bytes on the wire. States are plain data and hold
 * secrets; the caller decides who may see them.
 */

/** Either side once both Finished messages check out. */
export interface Tls12Connection {
  phase: 'connected';
  role: 'client' | 'server';
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  preMasterSecret: Uint8Array;
  masterSecret: Uint8Array;
  read: RecordProtection;
  write: RecordProtection;
}

export interface Flight<S> {
  state: S;
  records: Uint8Array[];
}

// ---------------------------------------------------------------- reading flights (for handshakeClient.ts and handshakeServer.ts)

export function unexpected(message: string): never {
  throw new Tls12Error('UNEXPECTED_MESSAGE', message);
}

export function parseRecords(records: readonly Uint8Array[]): TlsRecord[] {
  if (!Array.isArray(records as unknown)) throw new ArgumentError('records: expected an array of records');
  return records.map((r, i) => {
    abytes(r, undefined, `records[${i}]`);
    return parseRecord(r);
  });
}

/** Joins unprotected handshake records and cuts the stream into whole messages (§6.2.1). */
export function handshakeMessagesOf(records: readonly TlsRecord[]): Uint8Array[] {
  for (const r of records) {
    if (r.contentType !== 'handshake') unexpected(`Expected a handshake record here, got ${r.contentType}.`);
    if (r.fragment.length === 0)
      throw new Tls12Error(
        'DECODE_ERROR',
        'An empty handshake record: §6.2.1 forbids zero-length handshake fragments.',
      );
    if (r.fragment.length > MAX_PLAINTEXT_LENGTH)
      throw new Tls12Error('RECORD_OVERFLOW', 'An unprotected record is longer than 2^14 bytes.');
  }
  const { messages, rest } = splitHandshakeMessages(concatBytes(...records.map((r) => r.fragment)));
  if (rest.length > 0) throw new Tls12Error('DECODE_ERROR', 'The flight ends in the middle of a handshake message.');
  return messages;
}

export type MessageOf<K extends HandshakeMessage['type']> = Extract<HandshakeMessage, { type: K }>;

export function expectMessage<K extends HandshakeMessage['type']>(
  bytes: Uint8Array | undefined,
  type: K,
): MessageOf<K> {
  if (bytes === undefined) unexpected(`Expected ${type} next, but the flight ends.`);
  const message = parseHandshakeMessage(bytes);
  if (message.type !== type) unexpected(`Expected ${type} next, got ${message.type}.`);
  return message as MessageOf<K>;
}

export function expectNoMore(messages: readonly unknown[], after: string): void {
  if (messages.length > 0) unexpected(`Nothing may follow ${after} in this flight.`);
}

/** Splits a flight at its ChangeCipherSpec (§7.1): unprotected records before it, protected records after. */
export function splitAtChangeCipherSpec(records: readonly Uint8Array[]): { before: TlsRecord[]; after: Uint8Array[] } {
  const parsed = parseRecords(records);
  const at = parsed.findIndex((r) => r.contentType === 'change_cipher_spec');
  if (at < 0) unexpected('The flight has no ChangeCipherSpec, so Finished cannot follow.');
  parseChangeCipherSpec(parsed[at]!.fragment);
  return { before: parsed.slice(0, at), after: records.slice(at + 1) };
}

/** The one protected record after ChangeCipherSpec must be a Finished whose verify_data matches (§7.4.9). */
export function readFinished(
  protection: RecordProtection,
  records: readonly Uint8Array[],
  expected: Uint8Array,
  sender: 'client' | 'server',
): { protection: RecordProtection; message: Uint8Array } {
  if (records.length !== 1) unexpected(`Exactly one record, the ${sender}'s Finished, must follow ChangeCipherSpec.`);
  const opened = openRecord(protection, records[0]!);
  if (opened.contentType !== 'handshake') unexpected(`Expected the ${sender}'s Finished, got ${opened.contentType}.`);
  const finished = expectMessage(opened.plaintext, 'finished');
  if (!equalBytes(finished.verifyData, expected))
    throw new Tls12Error(
      'DECRYPT_ERROR',
      `The ${sender}'s Finished does not match: the two sides do not share the same master secret and handshake.`,
    );
  return { protection: opened.protection, message: opened.plaintext };
}

// ---------------------------------------------------------------- application data (§10)

/** Seals `data` as application_data records of at most 2^14 bytes each (one empty record for empty data). */
export function sendApplicationData(connection: Tls12Connection, data: Uint8Array): Flight<Tls12Connection> {
  if (connection?.phase !== 'connected') throw new ArgumentError('connection: expected a connected state');
  abytes(data, undefined, 'data');
  let write = connection.write;
  const records: Uint8Array[] = [];
  for (let i = 0; i === 0 || i < data.length; i += MAX_PLAINTEXT_LENGTH) {
    const sealed = sealRecord(write, 'application_data', data.subarray(i, i + MAX_PLAINTEXT_LENGTH));
    write = sealed.protection;
    records.push(sealed.record);
  }
  return { state: { ...connection, write }, records };
}

/**
 * Opens application_data records in order; a replayed, reordered or altered record is BAD_RECORD_MAC. A
 * protected alert (§7.2) ends the reading: it comes back as `alert`, with the data read before it.
 */
export function receiveApplicationData(
  connection: Tls12Connection,
  records: readonly Uint8Array[],
): { state: Tls12Connection; data: Uint8Array; alert?: Tls12Alert } {
  if (connection?.phase !== 'connected') throw new ArgumentError('connection: expected a connected state');
  if (!Array.isArray(records as unknown)) throw new ArgumentError('records: expected an array of records');
  let read = connection.read;
  const chunks: Uint8Array[] = [];
  for (const record of records) {
    abytes(record, undefined, 'record');
    const opened = openRecord(read, record);
    if (opened.contentType === 'alert')
      return {
        state: { ...connection, read: opened.protection },
        data: concatBytes(...chunks),
        alert: parseAlert(opened.plaintext),
      };
    if (opened.contentType !== 'application_data') unexpected(`Expected application data, got ${opened.contentType}.`);
    read = opened.protection;
    chunks.push(opened.plaintext);
  }
  return { state: { ...connection, read }, data: concatBytes(...chunks) };
}
