/**
 * Deterministic random generator: a ChaCha20 keystream (RFC 8439) keyed by SHA-256(seed ‖ label).
 * Every random value in a round comes from one of these, so (seed, moves) replays byte for byte.
 * @module
 */
import { abytes, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { chacha20Keystream, sha256 } from '../crypto/primitives.ts';

export interface Rng {
  /** The next `n` bytes of the stream. */
  bytes(n: number): Uint8Array;
  /** A uniform integer in [0, max). */
  int(max: number): number;
  /** A child generator for an independent purpose (its stream never overlaps this one's). */
  fork(label: string): Rng;
}

export function seededRng(seed: Uint8Array, label = 'handshake'): Rng {
  abytes(seed, undefined, 'seed');
  const key = sha256(concatBytes(seed, utf8ToBytes(`\u0000${label}`)));
  let counter = 0; // 64-byte ChaCha20 block counter
  let buffer = new Uint8Array(0);
  const rng: Rng = {
    bytes(n) {
      while (buffer.length < n) {
        const blocks = Math.max(1, Math.ceil((n - buffer.length) / 64));
        const block = chacha20Keystream(key, counter, blocks);
        counter += blocks;
        buffer = concatBytes(buffer, block);
      }
      const out = buffer.slice(0, n);
      buffer = buffer.slice(n);
      return out;
    },
    int(max) {
      if (!Number.isInteger(max) || max <= 0 || max > 2 ** 32) throw new RangeError('max must be in (0, 2^32]');
      // Rejection sampling keeps the distribution uniform.
      const limit = Math.floor(2 ** 32 / max) * max;
      for (;;) {
        const b = rng.bytes(4);
        const v = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
        if (v < limit) return v % max;
      }
    },
    fork(child) {
      return seededRng(key, `${label}/${child}`);
    },
  };
  return rng;
}

/** A fresh 32-byte seed from the platform CSPRNG (production tables). */
export function randomSeed(): Uint8Array {
  const seed = new Uint8Array(32);
  globalThis.crypto.getRandomValues(seed);
  return seed;
}
