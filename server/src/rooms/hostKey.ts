/** The host key: a random secret handed to whoever creates a table; presenting it makes you the host. @module */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newHostKey(): string {
  return randomBytes(24).toString('base64url');
}

/** The stored form of a secret (host key, student key): its SHA-256, so a copy of the database hands out nothing. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison, so the key cannot be guessed byte by byte from response times. */
export function hostKeyMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
