/** Tests: record framing and AES-128-GCM records against Node crypto. RFC 5246 §6.2, RFC 5288 §3 @module */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';
import {
  encodeRecord,
  encodeRecords,
  openRecord,
  parseRecord,
  type RecordProtection,
  sealRecord,
  splitRecords,
} from './record.ts';
import { errorCode } from './testFixtures.ts';

const protection: RecordProtection = {
  key: hexToBytes('000102030405060708090a0b0c0d0e0f'),
  salt: hexToBytes('a0a1a2a3'),
  seq: 0,
};

/** RFC 5288 §3 built independently on Node's AES-128-GCM. */
function nodeSeal(p: RecordProtection, type: number, plaintext: Uint8Array): string {
  const seq = Buffer.alloc(8);
  seq.writeBigUInt64BE(BigInt(p.seq));
  const cipher = createCipheriv('aes-128-gcm', p.key, Buffer.concat([p.salt, seq]));
  const length = Buffer.from([plaintext.length >> 8, plaintext.length & 0xff]);
  cipher.setAAD(Buffer.concat([seq, Buffer.from([type, 3, 3]), length]));
  const body = Buffer.concat([seq, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return bytesToHex(Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]), body]));
}

const code = errorCode;

describe('TLSPlaintext framing (RFC 5246 §6.2.1)', () => {
  it('frames type ‖ 0303 ‖ length ‖ fragment', () => {
    expect(bytesToHex(encodeRecord('change_cipher_spec', Uint8Array.of(1)))).toBe('140303000101');
    expect(parseRecord(hexToBytes('1603030002abcd'))).toEqual({
      contentType: 'handshake',
      version: 0x0303,
      fragment: hexToBytes('abcd'),
    });
  });

  it('fragments at 2^14 and splits a stream back into records', () => {
    const data = new Uint8Array(2 ** 14 + 10).fill(9);
    const records = encodeRecords('handshake', data);
    expect(records.map((r) => r.length)).toEqual([5 + 2 ** 14, 15]);
    expect(splitRecords(Uint8Array.of(...records[0]!, ...records[1]!)).map((r) => r.fragment.length)).toEqual([
      2 ** 14,
      10,
    ]);
  });

  it('rejects unknown types, versions, overlong and truncated records', () => {
    expect(code(() => parseRecord(hexToBytes('1803030000')))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => parseRecord(hexToBytes('1702000000')))).toBe('PROTOCOL_VERSION');
    expect(code(() => parseRecord(hexToBytes('1703034801')))).toBe('RECORD_OVERFLOW');
    expect(code(() => parseRecord(hexToBytes('17030300020a')))).toBe('DECODE_ERROR');
    expect(code(() => parseRecord(hexToBytes('1703030000ff')))).toBe('DECODE_ERROR');
    expect(code(() => splitRecords(hexToBytes('17030300')))).toBe('DECODE_ERROR');
  });

  it('random bytes: only Tls12Error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          splitRecords(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Tls12Error);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('AES-128-GCM records (RFC 5288 §3, RFC 5246 §6.2.3.3)', () => {
  it('match an independent construction on Node crypto, at several sequence numbers', () => {
    let p = protection;
    for (const text of ['GET / HTTP/1.1\r\n', '', 'x'.repeat(300)]) {
      const expected = nodeSeal(p, 23, utf8ToBytes(text));
      const sealed = sealRecord(p, 'application_data', utf8ToBytes(text));
      expect(bytesToHex(sealed.record)).toBe(expected);
      expect(sealed.protection.seq).toBe(p.seq + 1);
      p = sealed.protection;
    }
    const late = { ...protection, seq: 2 ** 40 + 5 };
    expect(bytesToHex(sealRecord(late, 'handshake', Uint8Array.of(20)).record)).toBe(
      nodeSeal(late, 22, Uint8Array.of(20)),
    );
  });

  it('carries the sequence number as the explicit nonce', () => {
    const { record } = sealRecord({ ...protection, seq: 258 }, 'application_data', Uint8Array.of(1));
    expect(bytesToHex(record.subarray(5, 13))).toBe('0000000000000102');
  });

  it('a replayed record fails: the receiver expects the next sequence number', () => {
    const first = sealRecord(protection, 'application_data', utf8ToBytes('pay 10'));
    const opened = openRecord(protection, first.record);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('pay 10');
    expect(code(() => openRecord(opened.protection, first.record))).toBe('BAD_RECORD_MAC');
  });

  it('a flipped byte fails', () => {
    const { record } = sealRecord(protection, 'application_data', utf8ToBytes('pay 10'));
    record[record.length - 20]! ^= 1;
    expect(code(() => openRecord(protection, record))).toBe('BAD_RECORD_MAC');
  });

  it('property: seal → open round-trips with matching sequence numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 5 }), fc.nat(2 ** 32), (messages, seq) => {
        let writer = { ...protection, seq };
        let reader = { ...protection, seq };
        for (const m of messages) {
          const sealed = sealRecord(writer, 'application_data', m);
          const opened = openRecord(reader, sealed.record);
          expect(bytesToHex(opened.plaintext)).toBe(bytesToHex(m));
          expect(opened.contentType).toBe('application_data');
          [writer, reader] = [sealed.protection, opened.protection];
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: any flipped bit anywhere in the record is rejected with a Tls12Error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (m, at, bit) => {
        const { record } = sealRecord(protection, 'application_data', m);
        record[at % record.length]! ^= 1 << bit;
        code(() => openRecord(protection, record));
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a record too short for nonce and tag, and bad protection state', () => {
    expect(code(() => openRecord(protection, hexToBytes(`1703030017${'00'.repeat(23)}`)))).toBe('BAD_RECORD_MAC');
    expect(() => sealRecord({ ...protection, seq: -1 }, 'application_data', new Uint8Array(0))).toThrow(/seq/);
    expect(() => sealRecord({ ...protection, key: new Uint8Array(32) }, 'application_data', new Uint8Array(0))).toThrow(
      /key/,
    );
  });
});
