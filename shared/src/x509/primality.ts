/**
 * The probable-prime test of RSA key generation: micro-rsa-dsa-dh's FIPS 186-5 test (B.3.1 sieve, Miller–Rabin
 * over random bases, Lucas), or — where the platform has a native test (Node's `crypto.checkPrimeSync`, OpenSSL)
 * — that test deciding, with the same draws from the seeded stream replayed, so a seed gives the same key.
 * @module
 */
import { isProbablePrimeRSA } from 'micro-rsa-dsa-dh/primality.js';
import { type RandFn, randomBits } from 'micro-rsa-dsa-dh/utils.js';

/** A native primality test: true for a probable prime. */
export type PlatformPrimeCheck = (candidate: bigint) => boolean;

let platformCheck: PlatformPrimeCheck | null = null;

/**
 * Lets RSA key generation ask a native test (the server gives Node's `checkPrimeSync`; browsers keep the
 * pure-JS test). `null` restores the pure-JS test.
 */
export function usePlatformPrimeCheck(check: PlatformPrimeCheck | null): void {
  platformCheck = check;
}

/** The odd primes below 1000: the trial divisors of micro-rsa-dsa-dh's sieve. */
const SMALL_PRIMES: readonly bigint[] = (() => {
  const primes: bigint[] = [];
  for (let n = 3; n < 1000; n += 2)
    if (primes.every((p) => Number(p) ** 2 > n || n % Number(p) !== 0)) primes.push(BigInt(n));
  return primes;
})();

/** Whether the sieve alone decides `n` (then micro-rsa-dsa-dh draws nothing and answers cheaply). */
function sieveDecides(n: bigint): boolean {
  return n < 1_000_000n || n % 2n === 0n || SMALL_PRIMES.some((p) => n % p === 0n);
}

/** One Miller–Rabin base as micro-rsa-dsa-dh draws it: `wlen` random bits until 1 < b < w − 1 (FIPS 186-5 B.3.1 step 4.1). */
function drawBase(w: bigint, randFn: RandFn): void {
  const wlen = w.toString(2).length;
  let b = 0n;
  while (b <= 1n || b >= w - 1n) b = randomBits(wlen, randFn);
}

/**
 * `isProbablePrimeRSA(n, randFn)`: the same answer, and the same bytes drawn from `randFn`.
 * With a platform test the draws are replayed rather than used: Miller–Rabin on a prime passes every round
 * (one base each, 5 rounds up to 1536 bits, else 4); on a composite the first random base is a witness but
 * with probability below 2^-40 for a random 512-bit or larger candidate (Damgård–Landrock–Pomerance), so one
 * base is drawn. Lucas draws nothing.
 */
export function isProbablePrimeForRsa(n: bigint, randFn: RandFn): boolean {
  if (!platformCheck || sieveDecides(n)) return isProbablePrimeRSA(n, randFn);
  const rounds = n.toString(2).length > 1536 ? 4 : 5;
  const prime = platformCheck(n);
  for (let i = 0; i < (prime ? rounds : 1); i++) drawBase(n, randFn);
  return prime;
}
