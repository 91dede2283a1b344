/**
 * The primitives every protocol module calls — SHA-256 (FIPS 180-4), HMAC-SHA256 (RFC 2104), Ed25519
 * (RFC 8032 §5.1), X25519 (RFC 7748 §5), AES-GCM (NIST SP 800-38D), ChaCha20-Poly1305 and the ChaCha20
 * keystream (RFC 8439) — and the platform hook that picks who computes them: noble by default (browsers, tests),
 * or a native backend the server installs (node:crypto, OpenSSL: server/src/nativeCrypto.ts). Every primitive
 * here is deterministic, so a backend must give the same bytes as noble's (server/src/nativeCrypto.test.ts).
 * Inputs are checked here, once, so a backend only computes.
 * @module
 */
import { gcm } from '@noble/ciphers/aes.js';
import { chacha20, chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { ArgumentError, abytes } from '../bytes/bytes.ts';

/** The two AEADs of the game's suites. */
export type AeadAlgorithm = 'aes-gcm' | 'chacha20-poly1305';

/** What a platform computes. Inputs arrive checked (lengths as documented); outputs are fresh arrays. */
export interface CryptoBackend {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array;
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** 32-byte secret key (RFC 8032 §5.1.5) → 32-byte public key. */
  ed25519PublicKey(secretKey: Uint8Array): Uint8Array;
  ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  /** 64-byte signature, 32-byte key; RFC 8032 §5.1.7. False, never a throw, when it does not verify. */
  ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  x25519PublicKey(secretKey: Uint8Array): Uint8Array;
  /** RFC 7748 §5; null when the result is all zeros (a small-order share, RFC 7748 §6.1). */
  x25519SharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null;
  /** ciphertext ‖ 16-byte tag. AES-GCM keys are 16 or 32 bytes, ChaCha20-Poly1305's 32; nonces 12 bytes. */
  aeadSeal(
    algorithm: AeadAlgorithm,
    key: Uint8Array,
    nonce: Uint8Array,
    aad: Uint8Array,
    plaintext: Uint8Array,
  ): Uint8Array;
  /** The plaintext, or null when the tag does not check. `sealed` is at least 16 bytes. */
  aeadOpen(
    algorithm: AeadAlgorithm,
    key: Uint8Array,
    nonce: Uint8Array,
    aad: Uint8Array,
    sealed: Uint8Array,
  ): Uint8Array | null;
  /** `blocks` 64-byte ChaCha20 blocks from block `counter` on, with the all-zero 12-byte nonce (RFC 8439 §2.4). */
  chacha20Keystream(key: Uint8Array, counter: number, blocks: number): Uint8Array;
}

const ZERO_NONCE = new Uint8Array(12);
const TAG_LENGTH = 16;

/** The pure-JS backend: @noble/hashes, @noble/curves, @noble/ciphers. */
export const NOBLE_BACKEND: CryptoBackend = {
  name: 'noble',
  sha256: (data) => nobleSha256(data),
  hmacSha256: (key, data) => hmac(nobleSha256, key, data),
  ed25519PublicKey: (secretKey) => ed25519.getPublicKey(secretKey),
  ed25519Sign: (message, secretKey) => ed25519.sign(message, secretKey),
  ed25519Verify(signature, message, publicKey) {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false }); // strict decoding, RFC 8032 §5.1.7
    } catch {
      return false;
    }
  },
  x25519PublicKey: (secretKey) => x25519.getPublicKey(secretKey),
  x25519SharedSecret(secretKey, publicKey) {
    try {
      return x25519.getSharedSecret(secretKey, publicKey);
    } catch {
      return null; // noble refuses an all-zero result
    }
  },
  aeadSeal: (algorithm, key, nonce, aad, plaintext) =>
    (algorithm === 'aes-gcm' ? gcm : chacha20poly1305)(key, nonce, aad).encrypt(plaintext),
  aeadOpen(algorithm, key, nonce, aad, sealed) {
    try {
      return (algorithm === 'aes-gcm' ? gcm : chacha20poly1305)(key, nonce, aad).decrypt(sealed);
    } catch {
      return null;
    }
  },
  chacha20Keystream: (key, counter, blocks) =>
    chacha20(key, ZERO_NONCE, new Uint8Array(64 * blocks), undefined, counter),
};

let backend: CryptoBackend = NOBLE_BACKEND;

/** The platform hook: the server installs node:crypto; `null` restores noble. */
export function usePlatformCrypto(platform: CryptoBackend | null): void {
  backend = platform ?? NOBLE_BACKEND;
}

/** Which backend computes now (for benches and logs). */
export function platformCryptoName(): string {
  return backend.name;
}

/** Thrown when an AEAD's tag does not check: the bytes were altered or sealed with other keys. */
export class AeadTagError extends Error {
  override readonly name = 'AeadTagError';
}

export function sha256(data: Uint8Array): Uint8Array {
  abytes(data, undefined, 'data');
  return backend.sha256(data);
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  abytes(key, undefined, 'key');
  abytes(data, undefined, 'data');
  return backend.hmacSha256(key, data);
}

export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  abytes(secretKey, 32, 'secretKey');
  return backend.ed25519PublicKey(secretKey);
}

export function ed25519Sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  abytes(message, undefined, 'message');
  abytes(secretKey, 32, 'secretKey');
  return backend.ed25519Sign(message, secretKey);
}

/** False, never a throw, for a signature or key of the wrong length or one that does not verify. */
export function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  abytes(signature, undefined, 'signature');
  abytes(message, undefined, 'message');
  abytes(publicKey, undefined, 'publicKey');
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return backend.ed25519Verify(signature, message, publicKey);
}

export function x25519PublicKey(secretKey: Uint8Array): Uint8Array {
  abytes(secretKey, 32, 'secretKey');
  return backend.x25519PublicKey(secretKey);
}

/** null for an all-zero shared secret (the caller decides what that means: RFC 8446 §7.4.2 aborts). */
export function x25519SharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array | null {
  abytes(secretKey, 32, 'secretKey');
  abytes(publicKey, 32, 'publicKey');
  return backend.x25519SharedSecret(secretKey, publicKey);
}

/** An AEAD bound to one key, nonce and additional data; `decrypt` throws AeadTagError on a bad tag. */
export interface Aead {
  encrypt(plaintext: Uint8Array): Uint8Array;
  decrypt(sealed: Uint8Array): Uint8Array;
}

function aead(algorithm: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): Aead {
  abytes(key, undefined, 'key');
  if (algorithm === 'aes-gcm' ? key.length !== 16 && key.length !== 32 : key.length !== 32)
    throw new ArgumentError(`key: ${key.length} bytes is not a key length of ${algorithm}`);
  abytes(nonce, 12, 'nonce');
  abytes(aad, undefined, 'aad');
  return {
    encrypt(plaintext) {
      abytes(plaintext, undefined, 'plaintext');
      return backend.aeadSeal(algorithm, key, nonce, aad, plaintext);
    },
    decrypt(sealed) {
      abytes(sealed, undefined, 'sealed');
      const plaintext = sealed.length < TAG_LENGTH ? null : backend.aeadOpen(algorithm, key, nonce, aad, sealed);
      if (!plaintext) throw new AeadTagError(`${algorithm}: the tag does not check`);
      return plaintext;
    },
  };
}

export const aesGcm = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): Aead => aead('aes-gcm', key, nonce, aad);

export const chacha20Poly1305 = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array): Aead =>
  aead('chacha20-poly1305', key, nonce, aad);

/** The ChaCha20 keystream under the all-zero nonce, from 64-byte block `counter` on. */
export function chacha20Keystream(key: Uint8Array, counter: number, blocks: number): Uint8Array {
  abytes(key, 32, 'key');
  if (!Number.isInteger(counter) || counter < 0 || counter + blocks > 2 ** 32)
    throw new ArgumentError('counter: the 32-bit block counter would wrap');
  if (!Number.isInteger(blocks) || blocks < 1) throw new ArgumentError('blocks: expected a positive integer');
  return backend.chacha20Keystream(key, counter, blocks);
}
