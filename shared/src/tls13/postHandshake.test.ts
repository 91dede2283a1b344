/** Tests: NewSessionTicket, KeyUpdate and alerts after (and during) the handshake. RFC 8446 §4.6.1, §4.6.3, §6, §7.2 @module */
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { alertDescriptionName, plaintextAlertRecord } from './alert.ts';
import { clientHello, clientReadServerHello } from './client.ts';
import {
  type Connection,
  openApplicationData,
  sealAlert,
  sealApplicationData,
  sealKeyUpdate,
  sealNewSessionTicket,
} from './connection.ts';
import { ContentType } from './constants.ts';
import { TlsAlertReceived, TlsError } from './errors.ts';
import { clientAlertRecord, serverAlertRecord } from './handshakeAlert.ts';
import { describeProtectedContent, describeRecord } from './inspect.ts';
import { hkdfExpandLabel, trafficKeys } from './keySchedule.ts';
import { encodeKeyUpdate, encodeNewSessionTicket, type NewSessionTicketFields } from './messages.ts';
import { openRecord, sealRecord } from './record.ts';
import { serverReadClientFinished } from './server.ts';
import { rngFor, runHandshake } from './testkit.ts';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    if (error instanceof TlsError) return error.code;
    throw error;
  }
  return undefined;
};

const ticket = (n: number, overrides: Partial<NewSessionTicketFields> = {}): NewSessionTicketFields => ({
  ticketLifetime: 7200,
  ticketAgeAdd: 0xfedcba98,
  ticketNonce: Uint8Array.of(0, n),
  ticket: utf8ToBytes(`opaque ticket number ${n}`),
  extensions: [],
  ...overrides,
});

/** Data from `from` to `to`, opened by `to`; returns both connections after it. */
function roundTrip(from: Connection, to: Connection, text: string) {
  const sealed = sealApplicationData(from, utf8ToBytes(text));
  const opened = openApplicationData(to, sealed.record);
  return { from: sealed.connection, to: opened.connection, plaintext: new TextDecoder().decode(opened.plaintext) };
}

describe('NewSessionTicket (§4.6.1)', () => {
  it('two tickets, as OpenSSL sends them, are parsed and kept; data flows after them', () => {
    const { finished, server } = runHandshake();
    const first = sealNewSessionTicket(server.connection, ticket(0));
    const second = sealNewSessionTicket(first.connection, ticket(1));
    const a = openApplicationData(finished.connection, first.record);
    const b = openApplicationData(a.connection, second.record);
    expect(a.plaintext.length).toBe(0);
    expect(a.handshakeMessages?.[0]).toMatchObject({
      type: 'new_session_ticket',
      ticketLifetime: 7200,
      ticketAgeAdd: 0xfedcba98,
    });
    expect(b.connection.tickets.map((t) => bytesToHex(t.ticketNonce))).toEqual(['0000', '0001']);
    expect(roundTrip(second.connection, b.connection, 'hello').plaintext).toBe('hello');
  });

  it('a ticket split over two records is put back together', () => {
    const { finished, server } = runHandshake();
    const message = encodeNewSessionTicket(ticket(7));
    const keys = server.connection.write;
    const r0 = sealRecord(keys.key, keys.iv, 0, ContentType.handshake, message.subarray(0, 10), 0x1301);
    const r1 = sealRecord(keys.key, keys.iv, 1, ContentType.handshake, message.subarray(10), 0x1301);
    const a = openApplicationData(finished.connection, r0);
    expect(a.handshakeMessages).toEqual([]);
    expect(a.connection.pendingHandshake.length).toBe(10);
    const b = openApplicationData(a.connection, r1);
    expect(b.connection.tickets).toHaveLength(1);
    expect(b.connection.pendingHandshake.length).toBe(0);
  });

  it('the inspector labels a decrypted ticket field by field', () => {
    const { fields } = describeProtectedContent(ContentType.handshake, encodeNewSessionTicket(ticket(3)));
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['msg_type', 'ticket_lifetime', 'ticket_age_add', 'ticket_nonce', 'ticket']),
    );
    expect(fields.find((f) => f.name === 'msg_type')?.description).toMatch(/new_session_ticket/);
  });

  it('refuses a ticket for more than seven days, a ticket sent by a client, and a ticket without bytes', () => {
    const { finished, server } = runHandshake();
    const keys = server.connection.write;
    const long = encodeNewSessionTicket(ticket(0));
    long.set([0x00, 0x09, 0x3a, 0x81], 4); // 604801 seconds
    const record = sealRecord(keys.key, keys.iv, 0, ContentType.handshake, long, 0x1301);
    expect(code(() => openApplicationData(finished.connection, record))).toBe('ILLEGAL_PARAMETER');
    const fromClient = sealRecord(
      finished.connection.write.key,
      finished.connection.write.iv,
      0,
      ContentType.handshake,
      encodeNewSessionTicket(ticket(0)),
      0x1301,
    );
    expect(code(() => openApplicationData(server.connection, fromClient))).toBe('UNEXPECTED_MESSAGE');
    expect(() => encodeNewSessionTicket(ticket(0, { ticket: new Uint8Array(0) }))).toThrow(/ticket/);
  });
});

describe('KeyUpdate (§4.6.3, §7.2)', () => {
  it('client asks, server answers; both directions move to the next secret and data still flows', () => {
    const { finished, server } = runHandshake([0x1303]);
    const asked = sealKeyUpdate(finished.connection, true);
    expect(asked.connection.write.generation).toBe(1);
    expect(asked.connection.write.seq).toBe(0);
    expect(bytesToHex(asked.connection.write.secret)).toBe(
      bytesToHex(hkdfExpandLabel(finished.connection.write.secret, 'traffic upd', new Uint8Array(0), 32)),
    );
    const atServer = openApplicationData(server.connection, asked.record);
    expect(atServer.handshakeMessages).toMatchObject([{ type: 'key_update', updateRequested: true }]);
    expect(atServer.connection.read.generation).toBe(1);
    expect(atServer.connection.write.generation).toBe(1);
    expect(atServer.reply).toHaveLength(1);
    const atClient = openApplicationData(asked.connection, atServer.reply![0]!);
    expect(atClient.handshakeMessages).toMatchObject([{ type: 'key_update', updateRequested: false }]);
    expect(atClient.reply).toBeUndefined();
    expect(atClient.connection.read.generation).toBe(1);
    const there = roundTrip(atClient.connection, atServer.connection, 'after the update');
    expect(there.plaintext).toBe('after the update');
    expect(roundTrip(there.to, there.from, 'and back').plaintext).toBe('and back');
  });

  it('a server-initiated update without a request changes only that direction', () => {
    const { finished, server } = runHandshake();
    const sent = sealKeyUpdate(server.connection, false);
    const seen = openApplicationData(finished.connection, sent.record);
    expect(seen.reply).toBeUndefined();
    expect(seen.connection.read.generation).toBe(1);
    expect(seen.connection.write.generation).toBe(0);
    expect(roundTrip(sent.connection, seen.connection, 'new keys').plaintext).toBe('new keys');
  });

  it('data under the old keys after an update fails; a KeyUpdate not ending its record is unexpected', () => {
    const { finished, server } = runHandshake();
    const update = sealKeyUpdate(finished.connection, false);
    const w = finished.connection.write;
    const stale = sealRecord(w.key, w.iv, 1, ContentType.application_data, utf8ToBytes('late'), 0x1301);
    const seen = openApplicationData(server.connection, update.record);
    expect(code(() => openApplicationData(seen.connection, stale))).toBe('BAD_RECORD_MAC');
    const bad = sealRecord(
      w.key,
      w.iv,
      0,
      ContentType.handshake,
      concatBytes(encodeKeyUpdate(false), encodeKeyUpdate(false)),
      0x1301,
    );
    expect(code(() => openApplicationData(server.connection, bad))).toBe('UNEXPECTED_MESSAGE');
    const invalid = sealRecord(w.key, w.iv, 0, ContentType.handshake, Uint8Array.of(24, 0, 0, 1, 2), 0x1301);
    expect(code(() => openApplicationData(server.connection, invalid))).toBe('ILLEGAL_PARAMETER');
  });
});

describe('alerts on the wire (§6)', () => {
  it('a tampered record is answered by a bad_record_mac alert sealed under the current keys', () => {
    const { finished, server } = runHandshake();
    const sealed = sealApplicationData(finished.connection, utf8ToBytes('POST /login'));
    const tampered = sealed.record.slice();
    tampered[8]! ^= 1;
    let failure: TlsError | undefined;
    try {
      openApplicationData(server.connection, tampered);
    } catch (error) {
      failure = error as TlsError;
    }
    expect(failure?.alert).toBe('bad_record_mac');
    const answer = sealAlert(server.connection, failure!);
    expect(answer.record[0]).toBe(ContentType.application_data); // an alert is hidden like any record
    const seen = openApplicationData(sealed.connection, answer.record);
    expect(seen.alert).toEqual({ level: 2, description: 20 });
    expect(alertDescriptionName(seen.alert!.description)).toBe('bad_record_mac (20)');
    expect(describeProtectedContent(ContentType.alert, Uint8Array.of(2, 20)).fields[1]?.description).toBe(
      'bad_record_mac (20)',
    );
  });

  it('during the handshake: in the clear before keys, then under handshake or application keys', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example' });
    const refusal = plaintextAlertRecord({ level: 2, description: 40 });
    expect(describeRecord(refusal).fields.map((f) => f.description)).toContain('handshake_failure (40)');
    expect(() => clientReadServerHello(hello.state, refusal)).toThrow(TlsAlertReceived);
    expect(serverAlertRecord(undefined, 'handshake_failure')).toEqual(refusal);

    const run = runHandshake();
    const fromClient = clientAlertRecord(run.afterFlight.state, new TlsError('BAD_CERTIFICATE', 'unknown CA'));
    const ck = trafficKeys(run.afterHello.state.clientHandshakeTrafficSecret, 16);
    expect(openRecord(ck.key, ck.iv, 0, fromClient, 0x1301)).toEqual({
      contentType: 21,
      plaintext: Uint8Array.of(2, 42),
    });
    let received: unknown;
    try {
      serverReadClientFinished(run.flight.state as never, fromClient);
    } catch (error) {
      received = error;
    }
    expect(received).toBeInstanceOf(TlsAlertReceived);
    expect((received as TlsAlertReceived).alert).toBe('bad_certificate');

    const fromServer = serverAlertRecord(run.flight.state, 'decrypt_error');
    const opened = openApplicationData(run.finished.connection, fromServer);
    expect(opened.alert).toEqual({ level: 2, description: 51 });
  });
});
