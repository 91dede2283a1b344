/** An established TLS 1.3 connection: application data, alerts and post-handshake messages (NewSessionTicket, KeyUpdate), one sequence number per direction. RFC 8446 §4.6, §5.2, §5.3, §6, §7.2, §7.3 @module */
import { ArgumentError, abytes, concatBytes } from '../bytes/bytes.ts';
import { type Alert, alertForError, encodeAlert, isClosureAlert, parseAlert } from './alert.ts';
import {
  type CipherSuite,
  ContentType,
  contentTypeName,
  HandshakeType,
  handshakeTypeName,
  KEY_LENGTH,
} from './constants.ts';
import { type AlertName, TlsError } from './errors.ts';
import { nextTrafficSecret, trafficKeys } from './keySchedule.ts';
import {
  encodeKeyUpdate,
  encodeNewSessionTicket,
  type KeyUpdate,
  type NewSessionTicket,
  type NewSessionTicketFields,
  parseKeyUpdate,
  parseNewSessionTicket,
  splitHandshakeMessages,
} from './messages.ts';
import { MAX_PLAINTEXT, openRecord, sealRecord } from './record.ts';

export type { Alert } from './alert.ts';

/** One direction's traffic secret, the AEAD key and IV made from it, and the next record's sequence number (§5.3, §7.3). */
export interface TrafficState {
  key: Uint8Array;
  iv: Uint8Array;
  seq: number;
  /** application_traffic_secret_N: the next one after a KeyUpdate is derived from it (§7.2). */
  secret: Uint8Array;
  /** N: how many KeyUpdates this direction has had. */
  generation: number;
}

/** What one party holds after the handshake. Plain data: each step returns a new value. */
export interface Connection {
  role: 'client' | 'server';
  cipherSuite: CipherSuite;
  write: TrafficState;
  read: TrafficState;
  /** The NewSessionTickets the server sent, in order (§4.6.1); kept, not yet used (no resumption). */
  tickets: NewSessionTicket[];
  /** The start of a post-handshake message whose rest is in the next record (§5.1). */
  pendingHandshake: Uint8Array;
}

/** A post-handshake message the engine read and acted on. */
export type PostHandshakeMessage = NewSessionTicket | KeyUpdate;

function traffic(secret: Uint8Array, cipherSuite: CipherSuite, generation: number): TrafficState {
  return { ...trafficKeys(secret, KEY_LENGTH[cipherSuite]), seq: 0, secret, generation };
}

/** A connection from the two application traffic secrets (§7.3), sequence numbers at 0. */
export function newConnection(
  role: 'client' | 'server',
  cipherSuite: CipherSuite,
  clientApplicationTrafficSecret: Uint8Array,
  serverApplicationTrafficSecret: Uint8Array,
): Connection {
  const client = traffic(clientApplicationTrafficSecret, cipherSuite, 0);
  const server = traffic(serverApplicationTrafficSecret, cipherSuite, 0);
  const common = { role, cipherSuite, tickets: [], pendingHandshake: new Uint8Array(0) };
  return role === 'client' ? { ...common, write: client, read: server } : { ...common, write: server, read: client };
}

function checkConnection(conn: Connection): void {
  if (!conn || (conn.role !== 'client' && conn.role !== 'server') || !conn.write || !conn.read)
    throw new ArgumentError('conn: expected a Connection');
}

/** Seals `content` of `contentType` as the next record in the write direction. */
function sealNext(
  conn: Connection,
  contentType: number,
  content: Uint8Array,
): { connection: Connection; record: Uint8Array } {
  checkConnection(conn);
  const { key, iv, seq } = conn.write;
  const record = sealRecord(key, iv, seq, contentType, content, conn.cipherSuite);
  return { connection: { ...conn, write: { ...conn.write, seq: seq + 1 } }, record };
}

/** Seals application data as the next record in the write direction. */
export function sealApplicationData(
  conn: Connection,
  plaintext: Uint8Array,
): { connection: Connection; record: Uint8Array } {
  abytes(plaintext, undefined, 'plaintext');
  return sealNext(conn, ContentType.application_data, plaintext);
}

/** What one received record gave. */
export interface OpenedData {
  connection: Connection;
  /** Application data; empty for an alert or a handshake record. */
  plaintext: Uint8Array;
  /** A protected alert (close_notify, or a fatal error the peer reports, §6). */
  alert?: Alert;
  /** Post-handshake messages this record completed, already acted on (tickets kept, keys updated). */
  handshakeMessages?: PostHandshakeMessage[];
  /** Records to send now: the KeyUpdate that answers update_requested (§4.6.3). */
  reply?: Uint8Array[];
}

/** §7.2: replaces one direction's secret by the next and restarts its sequence number at 0. */
function updated(state: TrafficState, cipherSuite: CipherSuite): TrafficState {
  return traffic(nextTrafficSecret(state.secret), cipherSuite, state.generation + 1);
}

/**
 * Sends KeyUpdate under the current write keys, then switches the write direction to the next secret (§4.6.3).
 * With `requestUpdate` the peer is asked to update its own keys too, which it does by sending a KeyUpdate back.
 */
export function sealKeyUpdate(conn: Connection, requestUpdate = false): { connection: Connection; record: Uint8Array } {
  const sent = sealNext(conn, ContentType.handshake, encodeKeyUpdate(requestUpdate));
  return {
    connection: { ...sent.connection, write: updated(sent.connection.write, conn.cipherSuite) },
    record: sent.record,
  };
}

/** Acts on whole post-handshake messages (§4.6): keeps tickets, follows KeyUpdates, answers update_requested. */
function readPostHandshake(conn: Connection, fragment: Uint8Array): OpenedData {
  const bytes = concatBytes(conn.pendingHandshake, fragment);
  const { whole, rest } = wholeMessages(bytes);
  let connection: Connection = { ...conn, pendingHandshake: rest };
  const handshakeMessages: PostHandshakeMessage[] = [];
  const reply: Uint8Array[] = [];
  for (const [i, message] of whole.entries()) {
    const type = message[0]!;
    if (type === HandshakeType.new_session_ticket) {
      if (conn.role !== 'client')
        throw new TlsError(
          'UNEXPECTED_MESSAGE',
          'A client sent a NewSessionTicket; only servers issue tickets (§4.6.1).',
        );
      const ticket = parseNewSessionTicket(message);
      handshakeMessages.push(ticket);
      connection = { ...connection, tickets: [...connection.tickets, ticket] };
    } else if (type === HandshakeType.key_update) {
      // §5.1: a KeyUpdate must end its record, because what follows is under the next keys.
      if (i !== whole.length - 1 || rest.length > 0)
        throw new TlsError(
          'UNEXPECTED_MESSAGE',
          'Data follows a KeyUpdate in the same record; it must end the record (§5.1).',
        );
      const update = parseKeyUpdate(message);
      handshakeMessages.push(update);
      connection = { ...connection, read: updated(connection.read, conn.cipherSuite) };
      if (update.updateRequested) {
        const answer = sealKeyUpdate(connection, false);
        connection = answer.connection;
        reply.push(answer.record);
      }
    } else
      throw new TlsError(
        'UNEXPECTED_MESSAGE',
        `${handshakeTypeName(type)} arrived after the handshake; only NewSessionTicket and KeyUpdate may (§4.6).`,
      );
  }
  return {
    connection,
    plaintext: new Uint8Array(0),
    handshakeMessages,
    ...(reply.length > 0 ? { reply } : {}),
  };
}

/** Splits off the whole handshake messages at the front of `bytes`; an incomplete last one is kept for the next record. */
function wholeMessages(bytes: Uint8Array): { whole: Uint8Array[]; rest: Uint8Array } {
  let end = 0;
  while (bytes.length - end >= 4) {
    const length = (bytes[end + 1]! << 16) | (bytes[end + 2]! << 8) | bytes[end + 3]!;
    if (length > MAX_PLAINTEXT * 4)
      throw new TlsError(
        'DECODE_ERROR',
        `A post-handshake message claims ${length} bytes, far more than any such message needs.`,
      );
    if (bytes.length - end - 4 < length) break;
    end += 4 + length;
  }
  return { whole: splitHandshakeMessages(bytes.subarray(0, end)), rest: bytes.slice(end) };
}

/**
 * Opens the next record in the read direction. The nonce uses the expected sequence number, so a replayed,
 * reordered or altered record fails authentication (bad_record_mac) and the sequence number does not advance.
 * A protected alert (close_notify §6.1, or an error alert §6.2) comes back as `alert` with empty `plaintext`;
 * NewSessionTicket and KeyUpdate (§4.6) come back in `handshakeMessages`, with `reply` to send when the peer
 * asked for a KeyUpdate.
 */
export function openApplicationData(conn: Connection, record: Uint8Array): OpenedData {
  checkConnection(conn);
  const { key, iv, seq } = conn.read;
  const opened = openRecord(key, iv, seq, record, conn.cipherSuite);
  const connection = { ...conn, read: { ...conn.read, seq: seq + 1 } };
  if (opened.contentType === ContentType.handshake) return readPostHandshake(connection, opened.plaintext);
  // §5.1: a handshake message split across records may not have other records in between.
  if (conn.pendingHandshake.length > 0)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `A ${contentTypeName(opened.contentType)} record arrived in the middle of a split handshake message (§5.1).`,
    );
  if (opened.contentType === ContentType.alert)
    return { connection, plaintext: new Uint8Array(0), alert: parseAlert(opened.plaintext) };
  if (opened.contentType !== ContentType.application_data)
    throw new TlsError(
      'UNEXPECTED_MESSAGE',
      `A protected ${contentTypeName(opened.contentType)} record is not allowed here.`,
    );
  return { connection, plaintext: opened.plaintext };
}

/** §6.1: close_notify (warning level 1, description 0), sealed as the next record in the write direction. */
export function sealCloseNotify(conn: Connection): { connection: Connection; record: Uint8Array } {
  return sealNext(conn, ContentType.alert, encodeAlert('close_notify', 1));
}

/**
 * §6.2: a fatal alert sealed under the current write keys, from a `TlsError` (its alert) or an alert name.
 * After it the connection is over: the caller sends the record and closes.
 */
export function sealAlert(
  conn: Connection,
  reason: TlsError | AlertName | Alert,
): { connection: Connection; record: Uint8Array } {
  const alert: Alert =
    reason instanceof TlsError
      ? alertForError(reason)
      : typeof reason === 'string'
        ? parseAlert(encodeAlert(reason))
        : reason;
  return sealNext(conn, ContentType.alert, encodeAlert(alert.description, alert.level));
}

/** A server sends a NewSessionTicket (§4.6.1) after the handshake, under its current write keys. */
export function sealNewSessionTicket(
  conn: Connection,
  ticket: NewSessionTicketFields,
): { connection: Connection; record: Uint8Array } {
  if (conn?.role !== 'server') throw new ArgumentError('conn: only a server sends NewSessionTicket');
  return sealNext(conn, ContentType.handshake, encodeNewSessionTicket(ticket));
}

/** Whether a received alert ends the connection in error (everything but close_notify and user_canceled, §6). */
export const isErrorAlert = (alert: Alert): boolean => !isClosureAlert(alert);
