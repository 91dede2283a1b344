/** Tests: a leaked server key opens recorded traffic; a wrong key does not. RFC 5246 §7.4.7.1 @module */
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8Decode, utf8ToBytes } from '../bytes/bytes.ts';
import { receiveApplicationData, sendApplicationData } from './handshake.ts';
import { decryptRecordedSession } from './leak.ts';
import { errorCode, recorded, runHandshake, testRsaKey, testServer } from './testFixtures.ts';

/** A session the eavesdropper records in full: handshake, a request and a response. */
function recordSession(seed: number) {
  const { client, server, wire } = runHandshake(seed);
  const request = sendApplicationData(client, utf8ToBytes('POST /login user=ada&password=hunter2'));
  const atServer = receiveApplicationData(server, request.records);
  const response = sendApplicationData(atServer.state, utf8ToBytes('200 OK: welcome back, Ada'));
  receiveApplicationData(client, response.records);
  const second = sendApplicationData(request.state, utf8ToBytes('GET /account'));
  return {
    client,
    wire: [
      ...wire,
      ...recorded('client', request.records),
      ...recorded('server', response.records),
      ...recorded('client', second.records),
    ],
  };
}

const code = errorCode;

describe('the private key leaks later (no forward secrecy)', () => {
  it('the recording plus the leaked key opens every application record', () => {
    const { client, wire } = recordSession(11);
    const recovered = decryptRecordedSession(testServer.key.privateKey, wire);
    expect(bytesToHex(recovered.preMasterSecret)).toBe(bytesToHex(client.preMasterSecret));
    expect(bytesToHex(recovered.masterSecret)).toBe(bytesToHex(client.masterSecret));
    expect(recovered.applicationData.map((d) => [d.from, utf8Decode(d.data)])).toEqual([
      ['client', 'POST /login user=ada&password=hunter2'],
      ['server', '200 OK: welcome back, Ada'],
      ['client', 'GET /account'],
    ]);
    expect(recovered.applicationData.map((d) => d.recordIndex)).toEqual([9, 10, 11]);
  });

  it('uses only what was on the wire: the same bytes from another seed give another session', () => {
    const a = decryptRecordedSession(testServer.key.privateKey, recordSession(12).wire);
    const b = decryptRecordedSession(testServer.key.privateKey, recordSession(13).wire);
    expect(bytesToHex(a.masterSecret)).not.toBe(bytesToHex(b.masterSecret));
  });

  it('a wrong key cannot open it', () => {
    const { wire } = recordSession(14);
    expect(code(() => decryptRecordedSession(testRsaKey(1024).privateKey, wire))).toBe('DECRYPT_ERROR');
  });

  it('a recording without the ClientKeyExchange is not enough', () => {
    const { wire } = recordSession(15);
    const withoutKeyExchange = wire.filter((_, i) => i !== 4);
    expect(code(() => decryptRecordedSession(testServer.key.privateKey, withoutKeyExchange))).toBe(
      'UNEXPECTED_MESSAGE',
    );
  });

  it('a tampered recorded record is caught by its GCM tag', () => {
    const { wire } = recordSession(16);
    const tampered = wire.map((w, i) =>
      i === 9 ? { ...w, record: w.record.map((b, j) => (j === 20 ? b ^ 1 : b)) } : w,
    );
    expect(code(() => decryptRecordedSession(testServer.key.privateKey, tampered))).toBe('BAD_RECORD_MAC');
  });
});
