/** x25519 key shares with the checks TLS 1.3 requires: RFC 8446 §4.2.8.2, §7.4.2 @module */
import { abytes } from '../bytes/bytes.ts';
import { x25519PublicKey, x25519SharedSecret } from '../crypto/primitives.ts';
import type { Rng } from '../rng/rng.ts';
import { TlsError } from './errors.ts';

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
