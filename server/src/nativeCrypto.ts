/**
 * Server only: the rules engine's primitives computed by node:crypto (OpenSSL) instead of noble, through the
 * platform hooks in @handshake/shared — Ed25519, X25519, AES-GCM, ChaCha20-Poly1305, the ChaCha20 keystream,
 * SHA-256 and HMAC (`usePlatformCrypto`), and the probable-prime test of RSA key generation
 * (`usePlatformPrimeCheck`, `crypto.checkPrimeSync`). All are deterministic, so the bytes are noble's, byte for
 * byte: server/src/nativeCrypto.test.ts compares both over vectors and whole seeded rounds. Browsers keep noble.
 * @module
 */
import {
  checkPrimeSync,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { type AeadAlgorithm, type CryptoBackend, usePlatformCrypto, usePlatformPrimeCheck } from '@handshake/shared';

/** DER prefixes that wrap a raw 32-byte key as PKCS#8 / SubjectPublicKeyInfo (RFC 8410 §7, §4). */
const DER_PREFIX = {
  ed25519Private: Buffer.from('302e020100300506032b657004220420', 'hex'),
  ed25519Public: Buffer.from('302a300506032b6570032100', 'hex'),
  x25519Private: Buffer.from('302e020100300506032b656e04220420', 'hex'),
  x25519Public: Buffer.from('302a300506032b656e032100', 'hex'),
} as const;
const RAW_KEY_LENGTH = 32;
const TAG_LENGTH = 16;
const ZERO_NONCE = Buffer.alloc(12);

/** Raw keys a round uses again and again (a CA signs, each party verifies), as OpenSSL key objects. */
const KEY_CACHE_CAPACITY = 1_024;
const keyObjects = new Map<string, KeyObject>();

/** The key object for DER `prefix ‖ raw`, made once; building one was a twentieth of a move's time. */
function keyObject(prefix: Buffer, raw: Uint8Array, make: (der: Buffer) => KeyObject): KeyObject {
  const der = Buffer.concat([prefix, raw]);
  const id = der.toString('base64');
  let key = keyObjects.get(id);
  if (!key) {
    key = make(der);
    if (keyObjects.size >= KEY_CACHE_CAPACITY) keyObjects.delete(keyObjects.keys().next().value!);
    keyObjects.set(id, key);
  }
  return key;
}
const privateKey = (prefix: Buffer, raw: Uint8Array): KeyObject =>
  keyObject(prefix, raw, (key) => createPrivateKey({ key, format: 'der', type: 'pkcs8' }));
const publicKey = (prefix: Buffer, raw: Uint8Array): KeyObject =>
  keyObject(prefix, raw, (key) => createPublicKey({ key, format: 'der', type: 'spki' }));
/** The raw key at the end of a SubjectPublicKeyInfo. */
const rawPublicKey = (key: KeyObject): Uint8Array =>
  new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(-RAW_KEY_LENGTH));
/**
 * A Node Buffer copied into a plain Uint8Array of its own, as noble returns: states compare and serialise the
 * same, and a small Buffer's shared 8 KB pool is not kept alive (or cloned) with it.
 */
const plain = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

const CIPHER_NAME: Record<AeadAlgorithm, (keyLength: number) => string> = {
  'aes-gcm': (keyLength) => `aes-${keyLength * 8}-gcm`,
  'chacha20-poly1305': () => 'chacha20-poly1305',
};

export const NODE_BACKEND: CryptoBackend = {
  name: 'node:crypto',
  sha256: (data) => plain(createHash('sha256').update(data).digest()),
  hmacSha256: (key, data) => plain(createHmac('sha256', key).update(data).digest()),
  ed25519PublicKey: (secretKey) => rawPublicKey(createPublicKey(privateKey(DER_PREFIX.ed25519Private, secretKey))),
  ed25519Sign: (message, secretKey) => plain(sign(null, message, privateKey(DER_PREFIX.ed25519Private, secretKey))),
  ed25519Verify(signature, message, key) {
    try {
      return verify(null, message, publicKey(DER_PREFIX.ed25519Public, key), signature);
    } catch {
      return false; // not a point on the curve
    }
  },
  x25519PublicKey: (secretKey) => rawPublicKey(createPublicKey(privateKey(DER_PREFIX.x25519Private, secretKey))),
  x25519SharedSecret(secretKey, key) {
    try {
      const shared = diffieHellman({
        privateKey: privateKey(DER_PREFIX.x25519Private, secretKey),
        publicKey: publicKey(DER_PREFIX.x25519Public, key),
      });
      return shared.every((b) => b === 0) ? null : plain(shared);
    } catch {
      return null; // OpenSSL refuses the all-zero result of a small-order share itself
    }
  },
  aeadSeal(algorithm, key, nonce, aad, plaintext) {
    const cipher = createCipheriv(CIPHER_NAME[algorithm](key.length) as 'aes-128-gcm', key, nonce, {
      authTagLength: TAG_LENGTH,
    });
    cipher.setAAD(aad, { plaintextLength: plaintext.length });
    return plain(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
  },
  aeadOpen(algorithm, key, nonce, aad, sealed) {
    const decipher = createDecipheriv(CIPHER_NAME[algorithm](key.length) as 'aes-128-gcm', key, nonce, {
      authTagLength: TAG_LENGTH,
    });
    const ciphertext = sealed.subarray(0, sealed.length - TAG_LENGTH);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    decipher.setAAD(aad, { plaintextLength: ciphertext.length });
    try {
      return plain(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    } catch {
      return null; // the tag does not check
    }
  },
  chacha20Keystream(key, counter, blocks) {
    // OpenSSL's "chacha20" takes a 16-byte IV: the 32-bit block counter, little-endian, then the 96-bit nonce.
    const iv = Buffer.alloc(16);
    iv.writeUInt32LE(counter, 0);
    ZERO_NONCE.copy(iv, 4);
    return plain(createCipheriv('chacha20', key, iv).update(Buffer.alloc(64 * blocks)));
  },
};

/** Installs the node:crypto backend and OpenSSL's prime test; the server does this once, at start. */
export function useNativeCrypto(): void {
  usePlatformCrypto(NODE_BACKEND);
  usePlatformPrimeCheck((candidate) => checkPrimeSync(candidate));
}

useNativeCrypto();
