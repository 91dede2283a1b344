import { checkPrimeSync } from 'node:crypto';
import { isProbablePrimeRSA } from 'micro-rsa-dsa-dh/primality.js';
import { randomBits } from 'micro-rsa-dsa-dh/utils.js';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRng } from '../rng/rng.ts';
import { generateRsaKeyPair } from './keys.ts';
import { isProbablePrimeForRsa, usePlatformPrimeCheck } from './primality.ts';

const nodeCheck = (candidate: bigint) => checkPrimeSync(candidate);
const SEED = new TextEncoder().encode('primality backend');

afterEach(() => usePlatformPrimeCheck(null));

/** A seeded byte stream that counts what was drawn from it. */
function countingStream(label: string) {
  const rng = seededRng(SEED, label);
  const stream = {
    drawn: 0,
    randFn: (n: number) => {
      stream.drawn += n;
      return rng.bytes(n);
    },
  };
  return stream;
}

/** Odd candidates of `bits` bits as key generation draws them, plus the primes among the first few hundred. */
function candidates(bits: number, count: number): bigint[] {
  const rng = seededRng(SEED, `candidates ${bits}`);
  return Array.from({ length: count }, () => randomBits(bits, (n) => rng.bytes(n)) | 1n | (1n << BigInt(bits - 1)));
}

describe('RSA prime test with a native check', () => {
  it('answers as the pure-JS test and draws the same bytes, candidate by candidate', () => {
    usePlatformPrimeCheck(nodeCheck);
    let primes = 0;
    for (const [i, n] of [...candidates(512, 400), 2n ** 521n - 1n, 1_000_003n, 15n].entries()) {
      const pure = countingStream(`case ${i}`);
      const fast = countingStream(`case ${i}`);
      const answer = isProbablePrimeRSA(n, pure.randFn);
      expect({ i, answer: isProbablePrimeForRsa(n, fast.randFn), drawn: fast.drawn }).toEqual({
        i,
        answer,
        drawn: pure.drawn,
      });
      if (answer) primes++;
    }
    expect(primes).toBeGreaterThan(1);
  });

  it.each([
    [1024, 'a'],
    [1024, 'b'],
    [2048, 'c'],
  ])('generates the same %i-bit key from a seed as the pure-JS test (seed %s)', (bits, label) => {
    const pure = generateRsaKeyPair(seededRng(SEED, label), bits);
    usePlatformPrimeCheck(nodeCheck);
    const fast = generateRsaKeyPair(seededRng(SEED, label), bits);
    expect(fast).toEqual(pure);
  });
});
