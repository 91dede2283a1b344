import { gcm } from '@noble/ciphers/aes.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes } from '../bytes/bytes.ts';
import { TlsError } from './errors.ts';
import {
  describeRecordHeader,
  encodeHandshakeRecords,
  encodePlaintextRecord,
  openRecord,
  recordNonce,
  sealRecord,
  splitRecords,
} from './record.ts';
import { RFC8448_APPLICATION_DATA, RFC8448 as V } from './rfc8448.vectors.ts';

const hex = bytesToHex;
const flight = concatBytes(V.encryptedExtensions, V.certificate, V.certificateVerify, V.serverFinished);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TlsError) return e.code;
    throw e;
  }
  return 'NO ERROR';
}

describe('RFC 8448 §3 protected records', () => {
  it("opens the server's encrypted flight and seals it back byte for byte", () => {
    const opened = openRecord(V.serverHandshakeKey, V.serverHandshakeIv, 0, V.recordServerFlight);
    expect(opened.contentType).toBe(22);
    expect(hex(opened.plaintext)).toBe(hex(flight));
    expect(hex(sealRecord(V.serverHandshakeKey, V.serverHandshakeIv, 0, 22, flight))).toBe(hex(V.recordServerFlight));
  });

  it('client Finished, application data both ways, and the close_notify alert', () => {
    const fin = openRecord(V.clientHandshakeKey, V.clientHandshakeIv, 0n, V.recordClientFinished);
    expect(hex(fin.plaintext)).toBe(hex(V.clientFinished));
    expect(hex(sealRecord(V.clientHandshakeKey, V.clientHandshakeIv, 0n, 22, V.clientFinished))).toBe(
      hex(V.recordClientFinished),
    );
    const data = openRecord(V.clientApplicationKey, V.clientApplicationIv, 0, V.recordClientData);
    expect(data).toEqual({ contentType: 23, plaintext: RFC8448_APPLICATION_DATA });
    expect(hex(sealRecord(V.serverApplicationKey, V.serverApplicationIv, 1, 23, RFC8448_APPLICATION_DATA))).toBe(
      hex(V.recordServerData),
    );
    const alert = openRecord(V.clientApplicationKey, V.clientApplicationIv, 1, V.recordClientAlert);
    expect(alert.contentType).toBe(21);
    expect(hex(alert.plaintext)).toBe('0100');
  });

  it('the wrong sequence number fails authentication (§5.3)', () => {
    expect(code(() => openRecord(V.clientApplicationKey, V.clientApplicationIv, 1, V.recordClientData))).toBe(
      'BAD_RECORD_MAC',
    );
  });

  it('plaintext framing of ClientHello (0x0301) and ServerHello (0x0303) matches the trace', () => {
    expect(hex(encodePlaintextRecord(22, V.clientHello, 0x0301))).toBe(hex(V.recordClientHello));
    expect(hex(encodeHandshakeRecords(V.serverHello)[0]!)).toBe(hex(V.recordServerHello));
  });
});

describe('record checks', () => {
  const key = new Uint8Array(16).fill(1);
  const iv = new Uint8Array(12).fill(2);
  /** A protected record whose TLSInnerPlaintext is given as is (to test padding rules). */
  const rawSeal = (inner: Uint8Array, seq = 0): Uint8Array => {
    const head = Uint8Array.of(23, 3, 3, (inner.length + 16) >> 8, (inner.length + 16) & 0xff);
    return concatBytes(head, gcm(key, recordNonce(iv, seq), head).encrypt(inner));
  };

  it('strips zero padding and rejects an all-zero inner plaintext (§5.4)', () => {
    expect(openRecord(key, iv, 0, rawSeal(Uint8Array.of(0x41, 0x42, 23, 0, 0, 0)))).toEqual({
      contentType: 23,
      plaintext: Uint8Array.of(0x41, 0x42),
    });
    expect(code(() => openRecord(key, iv, 0, rawSeal(new Uint8Array(5))))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => openRecord(key, iv, 0, rawSeal(Uint8Array.of(1, 20))))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => openRecord(key, iv, 0, rawSeal(Uint8Array.of(22))))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => openRecord(key, iv, 0, rawSeal(new Uint8Array(2 ** 14 + 2).fill(23))))).toBe('RECORD_OVERFLOW');
  });

  it('rejects oversize, truncated, unprotected and foreign records', () => {
    const big = Uint8Array.of(23, 3, 3, 0x41, 0x01); // 2^14 + 257
    expect(code(() => openRecord(key, iv, 0, concatBytes(big, new Uint8Array(0x4101))))).toBe('RECORD_OVERFLOW');
    expect(code(() => openRecord(key, iv, 0, Uint8Array.of(23, 3, 3, 0, 20, 1)))).toBe('DECODE_ERROR');
    expect(code(() => openRecord(key, iv, 0, encodePlaintextRecord(22, Uint8Array.of(1))))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => openRecord(key, iv, 0, Uint8Array.of(99, 3, 3, 0, 1, 0)))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => splitRecords(Uint8Array.of(0x47, 0x45, 0x54, 0x20, 0x2f, 0x20)))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => splitRecords(Uint8Array.of(22, 3)))).toBe('DECODE_ERROR');
    expect(code(() => sealRecord(key, iv, 0, 23, new Uint8Array(2 ** 14 + 1)))).toBe('RECORD_OVERFLOW');
    expect(() => sealRecord(key, iv, 2n ** 64n, 23, new Uint8Array(1))).toThrow(/seq/);
    expect(() => sealRecord(new Uint8Array(24), iv, 0, 23, new Uint8Array(1))).toThrow(/key/);
    expect(() => sealRecord(key, iv, 0, 23, new Uint8Array(1), 0x1303)).toThrow(/key/);
  });

  it('splits a stream into records and labels a record header', () => {
    const stream = concatBytes(V.recordClientHello, V.recordServerHello, V.recordServerFlight);
    const records = splitRecords(stream);
    expect(records.map((r) => [r.contentType, r.offset])).toEqual([
      [22, 0],
      [22, V.recordClientHello.length],
      [23, V.recordClientHello.length + V.recordServerHello.length],
    ]);
    const fields = describeRecordHeader(V.recordClientFinished);
    expect(fields.map((f) => f.name)).toEqual(['type', 'legacy_record_version', 'length', 'encrypted_record', 'tag']);
    expect(fields.at(-1)).toMatchObject({ offset: V.recordClientFinished.length - 16, length: 16 });
  });
});

describe('properties', () => {
  const suite = fc.constantFrom(0x1301 as const, 0x1303 as const);
  const keysFor = (s: 0x1301 | 0x1303) =>
    fc.tuple(
      fc.uint8Array({ minLength: s === 0x1301 ? 16 : 32, maxLength: s === 0x1301 ? 16 : 32 }),
      fc.uint8Array({ minLength: 12, maxLength: 12 }),
    );
  const input = suite.chain((s) =>
    fc.record({
      suite: fc.constant(s),
      keys: keysFor(s),
      seq: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      type: fc.constantFrom(21, 22, 23),
      plaintext: fc.uint8Array({ minLength: 1, maxLength: 300 }),
    }),
  );

  it('seal → open round-trips for any plaintext, sequence number and suite', () => {
    fc.assert(
      fc.property(input, ({ suite, keys: [key, iv], seq, type, plaintext }) => {
        const record = sealRecord(key, iv, seq, type, plaintext, suite);
        expect(record.length).toBe(5 + plaintext.length + 1 + 16);
        expect(openRecord(key, iv, seq, record, suite)).toEqual({ contentType: type, plaintext });
      }),
    );
  });

  it('any single changed byte anywhere in a record is rejected with a TlsError', () => {
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        ({ suite, keys: [key, iv], seq, type, plaintext }, at, mask) => {
          const record = sealRecord(key, iv, seq, type, plaintext, suite);
          const bad = record.slice();
          bad[at % bad.length]! ^= mask;
          expect(() => openRecord(key, iv, seq, bad, suite)).toThrow(TlsError);
        },
      ),
    );
  });

  it('splitRecords throws nothing but TlsError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          splitRecords(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(TlsError);
        }
      }),
    );
  });
});
