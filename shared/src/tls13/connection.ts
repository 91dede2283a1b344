/** Application data over an established TLS 1.3 connection, one sequence number per direction. RFC 8446 §5.2, §5.3, §7.3 @module */
import { ArgumentError, abytes } from '../bytes/bytes.ts';
import { type CipherSuite, ContentType, contentTypeName, KEY_LENGTH } from './constants.ts';
import { TlsError } from './errors.ts';
import { trafficKeys } from './keySchedule.ts';
import { openRecord, sealRecord } from './record.ts';

/** One direction's AEAD key, IV and the next record's sequence number (§5.3). */
export interface TrafficState {
  key: Uint8Array;
  iv: Uint8Array;
  seq: number;
}

/** What one party holds after the handshake. Plain data: each step returns a new value. */
export interface Connection {
  role: 'client' | 'server';
  cipherSuite: CipherSuite;
  write: TrafficState;
  read: TrafficState;
}

/** A connection from the two application traffic secrets (§7.3), sequence numbers at 0. */
export function newConnection(
  role: 'client' | 'server',
  cipherSuite: CipherSuite,
  clientApplicationTrafficSecret: Uint8Array,
  serverApplicationTrafficSecret: Uint8Array,
): Connection {
  const client = { ...trafficKeys(clientApplicationTrafficSecret, KEY_LENGTH[cipherSuite]), seq: 0 };
  const server = { ...trafficKeys(serverApplicationTrafficSecret, KEY_LENGTH[cipherSuite]), seq: 0 };
  return role === 'client'
    ? { role, cipherSuite, write: client, read: server }
    : { role, cipherSuite, write: server, read: client };
}

function checkConnection(conn: Connection): void {
  if (!conn || (conn.role !== 'client' && conn.role !== 'server') || !conn.write || !conn.read)
    throw new ArgumentError('conn: expected a Connection');
}

/** Seals application data as the next record in the write direction. */
export function sealApplicationData(
  conn: Connection,
  plaintext: Uint8Array,
): { connection: Connection; record: Uint8Array } {
  checkConnection(conn);
  abytes(plaintext, undefined, 'plaintext');
  const { key, iv, seq } = conn.write;
  const record = sealRecord(key, iv, seq, ContentType.application_data, plaintext, conn.cipherSuite);
  return { connection: { ...conn, write: { ...conn.write, seq: seq + 1 } }, record };
}

/** An alert record's body (§6): level (1 warning, 2 fatal) and description (0 close_notify, …). */
export interface Alert {
  level: number;
  description: number;
}

/**
 * Opens the next record in the read direction. The nonce uses the expected sequence number, so a replayed,
 * reordered or altered record fails authentication (bad_record_mac) and the sequence number does not advance.
 * A protected alert (e.g. close_notify, §6.1) comes back as `alert` with empty `plaintext`.
 */
export function openApplicationData(
  conn: Connection,
  record: Uint8Array,
): { connection: Connection; plaintext: Uint8Array; alert?: Alert } {
  checkConnection(conn);
  const { key, iv, seq } = conn.read;
  const opened = openRecord(key, iv, seq, record, conn.cipherSuite);
  const connection = { ...conn, read: { ...conn.read, seq: seq + 1 } };
  if (opened.contentType === ContentType.alert) {
    if (opened.plaintext.length !== 2)
      throw new TlsError('DECODE_ERROR', 'An alert must be exactly 2 bytes: level and description.');
    const alert = { level: opened.plaintext[0]!, description: opened.plaintext[1]! };
    return { connection, plaintext: new Uint8Array(0), alert };
  }
  if (opened.contentType !== ContentType.application_data)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `Expected application data but received a protected ${contentTypeName(opened.contentType)} record, which this game does not handle after the handshake.`,
    );
  return { connection, plaintext: opened.plaintext };
}

/** §6.1: close_notify (warning level 1, description 0), sealed as the next record in the write direction. */
export function sealCloseNotify(conn: Connection): { connection: Connection; record: Uint8Array } {
  checkConnection(conn);
  const { key, iv, seq } = conn.write;
  const record = sealRecord(key, iv, seq, ContentType.alert, Uint8Array.of(1, 0), conn.cipherSuite);
  return { connection: { ...conn, write: { ...conn.write, seq: seq + 1 } }, record };
}
