/** Tests: TLS 1.2 alerts sealed under the write keys and recognised by the reader. RFC 5246 §7.2 @module */
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '../bytes/bytes.ts';
import { parseAlert, sendAlert } from './alert.ts';
import type { Tls12Error } from './errors.ts';
import { receiveApplicationData, sendApplicationData } from './handshake.ts';
import { errorCode, runHandshake } from './testFixtures.ts';

describe('TLS 1.2 alerts (§7.2)', () => {
  it('a tampered record is answered by bad_record_mac, sealed like any record, which the peer reads', () => {
    const { client, server } = runHandshake(31);
    const sent = sendApplicationData(client, utf8ToBytes('password=hunter2'));
    const tampered = sent.records[0]!.slice();
    tampered[tampered.length - 1]! ^= 1;
    let failure: Tls12Error | undefined;
    try {
      receiveApplicationData(server, [tampered]);
    } catch (error) {
      failure = error as Tls12Error;
    }
    expect(failure?.code).toBe('BAD_RECORD_MAC');
    const alert = sendAlert(server, failure!);
    expect(alert.record[0]).toBe(21); // TLS 1.2 shows the content type: alert, but its body is sealed
    expect(alert.record.length).toBe(5 + 8 + 2 + 16);
    const seen = receiveApplicationData(sent.state, [alert.record]);
    expect(seen.alert).toEqual({ level: 2, description: 20 });
    expect(seen.data.length).toBe(0);
  });

  it('close_notify is a warning; data before an alert is kept; a bad body is a decode error', () => {
    const { client, server } = runHandshake(32);
    const data = sendApplicationData(server, utf8ToBytes('bye'));
    const close = sendAlert(data.state, 'CLOSE_NOTIFY');
    const seen = receiveApplicationData(client, [...data.records, close.record]);
    expect(new TextDecoder().decode(seen.data)).toBe('bye');
    expect(seen.alert).toEqual({ level: 1, description: 0 });
    expect(errorCode(() => parseAlert(Uint8Array.of(2)))).toBe('DECODE_ERROR');
  });
});
