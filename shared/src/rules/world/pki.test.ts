import { describe, expect, it } from 'vitest';
import { seededRng } from '../../rng/rng.ts';
import type { KeyPair } from '../../x509/keys.ts';
import { makeKeyPair, useRsaKeyMaker } from './pki.ts';

describe('the RSA key cache', () => {
  it('keeps the most recently used keys only, and asks the key maker on a miss', () => {
    const made: string[] = [];
    useRsaKeyMaker((bits, seed) => {
      made.push(`${bits}:${seed[0]}`);
      return { algorithm: 'RSA', publicKey: { n: BigInt(seed[0]!), e: 3n }, privateKey: { n: 1n, d: 1n } } as KeyPair;
    });
    try {
      const rngFor = (i: number) => seededRng(new Uint8Array([i]), 'cache-test');
      for (let i = 0; i < 65; i++) makeKeyPair(rngFor(i), 'RSA', 1024);
      expect(made.length).toBe(65);
      makeKeyPair(rngFor(64), 'RSA', 1024);
      expect(made.length).toBe(65); // still cached
      makeKeyPair(rngFor(0), 'RSA', 1024);
      expect(made.length).toBe(66); // the oldest was let go
    } finally {
      useRsaKeyMaker(null);
    }
  });
});
