/**
 * Server only: RSA key generation asks OpenSSL (`crypto.checkPrimeSync`) whether a candidate is prime, instead
 * of pure-JS Miller–Rabin. Same keys from the same seed, byte for byte (shared/src/x509/primality.test.ts);
 * about 4–10× faster at 2048 bits, and a classic round's key generation blocks the event loop that much less.
 * Browsers keep the pure-JS test. @module
 */
import { checkPrimeSync } from 'node:crypto';
import { usePlatformPrimeCheck } from '@handshake/shared';

usePlatformPrimeCheck((candidate) => checkPrimeSync(candidate));
