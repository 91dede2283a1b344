/** Tests: hex-inspector labels cover every byte and never throw. RFC 5246 §6.2 @module */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRecord } from './inspect.ts';
import { runHandshake } from './testFixtures.ts';

const expectTiled = (fields: { offset: number; length: number }[], length: number) => {
  let end = 0;
  for (const f of fields) {
    expect(f.offset).toBe(end);
    end = f.offset + f.length;
  }
  expect(end).toBe(length);
};

describe('describeRecord', () => {
  it('labels every byte of every record of a handshake, encrypted ones after ChangeCipherSpec', () => {
    const encrypted = { client: false, server: false };
    for (const { from, record } of runHandshake(21).wire) {
      const fields = describeRecord(record, { encrypted: encrypted[from] });
      expectTiled(fields, record.length);
      expect(fields.some((f) => f.name === 'malformed')).toBe(false);
      if (record[0] === 20) encrypted[from] = true;
    }
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), (bytes, encrypted) => {
        describeRecord(bytes, { encrypted });
      }),
      { numRuns: 1000 },
    );
  });

  it('labels every byte of a well-framed record with a random body, malformed or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(20, 21, 22, 23),
        fc.uint8Array({ maxLength: 120 }),
        fc.boolean(),
        (type, body, encrypted) => {
          const record = Uint8Array.of(type, 3, 3, body.length >> 8, body.length & 0xff, ...body);
          expectTiled(describeRecord(record, { encrypted }), record.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
