/** (EC)DHE key shares for x25519 and secp256r1 with the checks TLS 1.3 requires: RFC 8446 §4.2.8.2, §7.4.2 @module */
import { p256 } from '@noble/curves/nist.js';
import { ArgumentError, abytes } from '../bytes/bytes.ts';
import { x25519PublicKey, x25519SharedSecret } from '../crypto/primitives.ts';
import type { Rng } from '../rng/rng.ts';
import { groupName, NamedGroup } from './constants.ts';
import { TlsError } from './errors.ts';

/** The groups the engine can compute a shared secret in. */
export type KeyShareGroup = typeof NamedGroup.x25519 | typeof NamedGroup.secp256r1;

export const isKeyShareGroup = (group: number): group is KeyShareGroup =>
  group === NamedGroup.x25519 || group === NamedGroup.secp256r1;

/** A private key and the key_exchange bytes that go on the wire for it. */
export interface KeySharePair {
  group: KeyShareGroup;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A fresh x25519 key pair from the caller's generator. */
export function x25519KeyPair(rng: Rng): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = rng.bytes(32);
  return { privateKey, publicKey: x25519PublicKey(privateKey) };
}

/** x25519(privateKey, peerShare), refusing a share that is not 32 bytes (§4.2.8.2) or gives an all-zero secret (§7.4.2). */
export function x25519Shared(privateKey: Uint8Array, peerShare: Uint8Array): Uint8Array {
  abytes(privateKey, 32, 'privateKey');
  abytes(peerShare, undefined, 'peerShare');
  if (peerShare.length !== 32)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      `An x25519 key share must be 32 bytes, not ${peerShare.length} (§4.2.8.2).`,
    );
  const shared = x25519SharedSecret(privateKey, peerShare);
  if (!shared)
    throw new TlsError('ILLEGAL_PARAMETER', 'The x25519 key share gives an all-zero shared secret (§7.4.2).');
  return shared;
}

/** FIPS 186-5 A.2.1: 48 bytes (n's 32 plus 16) reduced mod n, so the bias is negligible. */
const P256_SEED_LENGTH = 48;

/** §4.2.8.2: a P-256 share is the uncompressed point 0x04 ‖ X ‖ Y, 65 bytes. The scalar comes from 48 random bytes reduced mod n (FIPS 186-5 A.2.1). */
export function p256KeyPair(rng: Rng): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = p256.utils.randomSecretKey(rng.bytes(P256_SEED_LENGTH));
  return { privateKey, publicKey: p256.getPublicKey(privateKey, false) };
}

/** §7.4.2: the ECDH shared secret is the x-coordinate of the product, 32 bytes; the peer's point is checked to be on the curve. */
export function p256Shared(privateKey: Uint8Array, peerShare: Uint8Array): Uint8Array {
  abytes(privateKey, 32, 'privateKey');
  abytes(peerShare, undefined, 'peerShare');
  if (peerShare.length !== 65 || peerShare[0] !== 0x04)
    throw new TlsError(
      'ILLEGAL_PARAMETER',
      `A P-256 key share must be an uncompressed point, 0x04 and 64 bytes (§4.2.8.2); this one is ${peerShare.length} bytes.`,
    );
  try {
    return p256.getSharedSecret(privateKey, peerShare, true).slice(1);
  } catch (cause) {
    throw new TlsError('ILLEGAL_PARAMETER', 'The P-256 key share is not a point on the curve (§4.2.8.2).', { cause });
  }
}

/** A fresh key pair in `group`. */
export function keySharePair(rng: Rng, group: number): KeySharePair {
  if (!isKeyShareGroup(group)) throw new ArgumentError(`group: ${groupName(group)} is not supported`);
  const pair = group === NamedGroup.x25519 ? x25519KeyPair(rng) : p256KeyPair(rng);
  return { group, ...pair };
}

/** The (EC)DHE shared secret of our private key and the peer's key_exchange in `group`. */
export function sharedSecret(group: KeyShareGroup, privateKey: Uint8Array, peerShare: Uint8Array): Uint8Array {
  return group === NamedGroup.x25519 ? x25519Shared(privateKey, peerShare) : p256Shared(privateKey, peerShare);
}
