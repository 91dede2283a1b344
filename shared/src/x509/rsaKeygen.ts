/** RSA key generation from a seeded stream: FIPS 186-5 A.1.3 probable primes, RFC 8017 §3.1–3.2 keys. @module */
// micro-rsa-dsa-dh 0.2.3's `keygen` cannot be replayed: its IFCPrimes draws candidates with
// `randomBits(nlen / 2)` (the platform CSPRNG) and passes `randFn` only to the primality test; it
// also refuses moduli under 2048 bits. This follows its IFCPrimes step by step, with every random
// draw taken from `randFn`, and keeps the library's own Miller–Rabin (or a native test with the same
// answers and draws, see primality.ts) and arithmetic.
import { gcd, invert, type RandFn, randomBits, sqrt } from 'micro-rsa-dsa-dh/utils.js';
import { isProbablePrimeForRsa } from './primality.ts';

/** Two primes p, q of nlen/2 bits whose product has exactly nlen bits (FIPS 186-5 A.1.3 steps 4–5). */
export function probablePrimes(nlen: number, e: bigint, randFn: RandFn): { p: bigint; q: bigint } {
  const half = nlen / 2;
  const floor = sqrt(1n << BigInt(nlen - 1)); // steps 4.4 / 5.4: p, q ≥ √2 · 2^(nlen/2 − 1)
  const candidate = () => randomBits(half, randFn) | 1n; // steps 4.2–4.3 / 5.2–5.3
  const usable = (x: bigint) => x >= floor && gcd(x - 1n, e) === 1n && isProbablePrimeForRsa(x, randFn); // 4.5 / 5.6
  for (let i = 0; i < 5 * nlen; i++) {
    const p = candidate();
    if (!usable(p)) continue;
    for (let j = 0; j < 10 * nlen; j++) {
      const q = candidate();
      const distance = p > q ? p - q : q - p;
      if (distance <= 1n << BigInt(half - 100)) continue; // step 5.5: |p − q| > 2^(nlen/2 − 100)
      if (usable(q)) return { p, q };
    }
  }
  throw new Error('no RSA primes found within the FIPS 186-5 iteration limits');
}

/** n = pq, d = e⁻¹ mod (p − 1)(q − 1) (RFC 8017 §3.1–3.2). */
export function rsaKeyFromPrimes(
  p: bigint,
  q: bigint,
  e: bigint,
): { publicKey: { n: bigint; e: bigint }; privateKey: { n: bigint; d: bigint } } {
  const n = p * q;
  const d = invert(e, (p - 1n) * (q - 1n));
  return { publicKey: { n, e }, privateKey: { n, d } };
}
