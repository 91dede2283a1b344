/** x25519 key shares with the checks TLS 1.3 requires: RFC 8446 §4.2.8.2, §7.4.2 @module */
import { x25519 } from '@noble/curves/ed25519.js';
import { abytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { TlsError } from './errors.ts';

/** A fresh x25519 key pair from the caller's generator. */
export function x25519KeyPair(rng: Rng): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = rng.bytes(32);
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) };
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
  try {
    return x25519.getSharedSecret(privateKey, peerShare);
  } catch (cause) {
    throw new TlsError('ILLEGAL_PARAMETER', 'The x25519 key share gives an all-zero shared secret (§7.4.2).', {
      cause,
    });
  }
}
