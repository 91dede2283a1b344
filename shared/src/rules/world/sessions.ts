/** Where protocol endpoint states and established connections live in the table state, typed per slot. @module */

import { concatBytes } from '../../bytes/bytes.ts';
import type { Rng } from '../../rng/rng.ts';
import {
  receiveApplicationData as open12,
  sendApplicationData as seal12,
  type Tls12Connection,
} from '../../tls12/handshake.ts';
import { CONTENT_TYPE as CONTENT_TYPE_12, openRecord as openRecord12 } from '../../tls12/record.ts';
import {
  type Connection,
  openApplicationData as open13,
  sealApplicationData as seal13,
  sealNewSessionTicket,
} from '../../tls13/connection.ts';
import { openRecord as openRecord13 } from '../../tls13/record.ts';
import type { AppConnection, ConnId, EndpointKey, EndpointSlot, HandshakeState, Party, TableState } from '../state.ts';
import { keepSecrets } from './keyLog.ts';

export type { AppConnection, EndpointKey, EndpointSlot, HandshakeState, Inbox } from '../state.ts';

/** The slot for a party's end of a connection, created empty on first use. */
export function slot(state: TableState, party: Party, conn: ConnId): EndpointSlot {
  const key: EndpointKey = `${party}:${conn}`;
  state.endpoints[key] ??= {
    handshake: null,
    established: null,
    live: null,
    inbox: {},
    pending: null,
    secrets: {},
  };
  return state.endpoints[key];
}

/** Reads a slot without creating it (views and checks must not change the state). */
export function peekSlot(state: TableState, party: Party, conn: ConnId): EndpointSlot | undefined {
  return state.endpoints[`${party}:${conn}`];
}

export function endpoint<T extends HandshakeState>(state: TableState, party: Party, conn: ConnId): T | undefined {
  return (peekSlot(state, party, conn)?.handshake ?? undefined) as T | undefined;
}

export function setEndpoint(state: TableState, party: Party, conn: ConnId, value: HandshakeState | null): void {
  const s = slot(state, party, conn);
  s.handshake = value;
  keepSecrets(s.secrets, value);
}

export function connectionOf(state: TableState, party: Party, conn: ConnId): AppConnection | undefined {
  return peekSlot(state, party, conn)?.established ?? undefined;
}

export function setConnection(state: TableState, party: Party, conn: ConnId, value: AppConnection): void {
  const s = slot(state, party, conn);
  s.established = value;
  s.live = value;
  keepSecrets(s.secrets, value.connection);
}

/** The connection with its current sequence numbers. */
export function liveConnection(state: TableState, party: Party, conn: ConnId): AppConnection | undefined {
  return peekSlot(state, party, conn)?.live ?? undefined;
}

/** Seals one application-data record as the next in the write direction; returns the sequence number used. */
export function sealData(
  app: AppConnection,
  plaintext: Uint8Array,
): { app: AppConnection; record: Uint8Array; seq: number } {
  if (app.version === 'tls13') {
    const sealed = seal13(app.connection, plaintext);
    return {
      app: { version: 'tls13', connection: sealed.connection },
      record: sealed.record,
      seq: app.connection.write.seq,
    };
  }
  const sealed = seal12(app.connection, plaintext);
  return {
    app: { version: 'tls12', connection: sealed.state },
    record: sealed.records[0]!,
    seq: app.connection.write.seq,
  };
}

/** A ticket's lifetime in seconds: OpenSSL's default session timeout, which it sends as the lifetime. */
const TICKET_LIFETIME = 7200;
/** Bytes of the opaque ticket: the game never resumes, so it is random, as an encrypted session state looks. */
const TICKET_LENGTH = 64;

/**
 * One HTTP message as records, with each record's sequence number. A TLS 1.3 server (`ticketRng` given) puts a
 * NewSessionTicket first, as OpenSSL sends one once the handshake is done (RFC 8446 §4.6.1): two records in one
 * segment. TLS 1.2 has no such message: the data alone.
 */
export function sealMessage(
  app: AppConnection,
  plaintext: Uint8Array,
  ticketRng?: Rng,
): { app: AppConnection; records: Uint8Array[]; seqs: number[] } {
  if (app.version !== 'tls13' || !ticketRng) {
    const sealed = sealData(app, plaintext);
    return { app: sealed.app, records: [sealed.record], seqs: [sealed.seq] };
  }
  const ticketSeq = app.connection.write.seq;
  const ticket = sealNewSessionTicket(app.connection, {
    ticketLifetime: TICKET_LIFETIME,
    ticketAgeAdd: ticketRng.int(2 ** 32),
    ticketNonce: new Uint8Array(8),
    ticket: ticketRng.bytes(TICKET_LENGTH),
    extensions: [],
  });
  const data = sealData({ version: 'tls13', connection: ticket.connection }, plaintext);
  return { app: data.app, records: [ticket.record, data.record], seqs: [ticketSeq, data.seq] };
}

/** Opens each record of an envelope in order; returns the application data they carried, joined. */
export function openAllData(app: AppConnection, records: Uint8Array[]): { app: AppConnection; plaintext: Uint8Array } {
  let current = app;
  const parts: Uint8Array[] = [];
  for (const record of records) {
    const opened = openData(current, record);
    current = opened.app;
    parts.push(opened.plaintext);
  }
  return { app: current, plaintext: concatBytes(...parts) };
}

/** Opens the next application-data record in the read direction; a changed or replayed one throws (bad_record_mac). */
export function openData(app: AppConnection, record: Uint8Array): { app: AppConnection; plaintext: Uint8Array } {
  if (app.version === 'tls13') {
    const opened = open13(app.connection, record);
    return { app: { version: 'tls13', connection: opened.connection }, plaintext: opened.plaintext };
  }
  const opened = open12(app.connection, [record]);
  return { app: { version: 'tls12', connection: opened.state }, plaintext: opened.data };
}

/** What a record held once opened: its content type (RFC 8446 §5.2, RFC 5246 §6.2.1) and its bytes. */
export interface OpenedContent {
  contentType: number;
  plaintext: Uint8Array;
}

/** Tries both directions' keys on a record sealed at `seq`; null when these keys do not open it. */
export function tryOpenContentAt(app: AppConnection, seq: number, record: Uint8Array): OpenedContent | null {
  for (const dir of [app.connection.read, app.connection.write]) {
    try {
      if (app.version === 'tls13') {
        const d = dir as Connection['read'];
        return openRecord13(d.key, d.iv, seq, record, app.connection.cipherSuite);
      }
      const opened = openRecord12({ ...(dir as Tls12Connection['read']), seq }, record);
      return { contentType: CONTENT_TYPE_12[opened.contentType], plaintext: opened.plaintext };
    } catch {
      // Not these keys: try the next.
    }
  }
  return null;
}

/** The plaintext of a record sealed at `seq`, or null when these keys do not open it. */
export const tryOpenAt = (app: AppConnection, seq: number, record: Uint8Array): Uint8Array | null =>
  tryOpenContentAt(app, seq, record)?.plaintext ?? null;
