import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/bytes.ts';
import { seededRng } from './rng.ts';

describe('seededRng', () => {
  it('is deterministic for a seed and label, independent across labels', () => {
    const seed = new Uint8Array(32).fill(7);
    expect(bytesToHex(seededRng(seed).bytes(100))).toBe(bytesToHex(seededRng(seed).bytes(100)));
    expect(bytesToHex(seededRng(seed, 'a').bytes(32))).not.toBe(bytesToHex(seededRng(seed, 'b').bytes(32)));
  });

  it('gives the same stream however the reads are split', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.array(fc.integer({ min: 0, max: 130 }), { maxLength: 8 }),
        (seed, sizes) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const whole = seededRng(seed).bytes(total);
          const r = seededRng(seed);
          const parts = sizes.map((n) => r.bytes(n));
          expect(bytesToHex(Uint8Array.from(parts.flatMap((p) => [...p])))).toBe(bytesToHex(whole));
        },
      ),
    );
  });

  it('int stays in range', () => {
    const r = seededRng(new Uint8Array([1]));
    for (let i = 0; i < 200; i++) {
      const v = r.int(6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(6);
    }
  });
});
