/** CertificateVerify signatures per SignatureScheme: Ed25519, ECDSA P-256 with SHA-256, RSASSA-PSS (rsae) with SHA-256. RFC 8446 §4.2.3, §4.4.3 @module */
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { mgf1, PSS } from 'micro-rsa-dsa-dh/rsa.js';
import { ArgumentError, abytes } from '../bytes/bytes.ts';
import { ed25519Sign, ed25519Verify } from '../crypto/primitives.ts';
import { SignatureScheme } from './constants.ts';

/**
 * The public key of the peer's certificate, as the caller read it from the leaf (the shape of x509's
 * `SubjectPublicKey`). A bare 32-byte array is an Ed25519 key, as before P-256 and RSA were supported.
 */
export type PeerPublicKey =
  | Uint8Array
  | { algorithm: 'Ed25519'; key: Uint8Array }
  | { algorithm: 'ECDSA-P256'; key: Uint8Array }
  | { algorithm: 'RSA'; key: { n: bigint; e: bigint } };

/** The server's signing key (the shape of x509's `KeyPair`); a bare 32-byte array is an Ed25519 seed. */
export type SigningKey =
  | Uint8Array
  | { algorithm: 'Ed25519'; privateKey: Uint8Array }
  | { algorithm: 'ECDSA-P256'; privateKey: Uint8Array };

type NormalPeerKey = Exclude<PeerPublicKey, Uint8Array>;

function normalPeerKey(key: PeerPublicKey): NormalPeerKey {
  if (key instanceof Uint8Array) {
    abytes(key, 32, 'leafPublicKey');
    return { algorithm: 'Ed25519', key };
  }
  if (key?.algorithm === 'Ed25519') abytes(key.key, 32, 'leafPublicKey.key');
  else if (key?.algorithm === 'ECDSA-P256') abytes(key.key, 65, 'leafPublicKey.key');
  else if (key?.algorithm !== 'RSA' || typeof key.key?.n !== 'bigint' || typeof key.key.e !== 'bigint')
    throw new ArgumentError('leafPublicKey: expected an Ed25519, ECDSA-P256 or RSA public key');
  return key;
}

function normalSigningKey(key: SigningKey): Exclude<SigningKey, Uint8Array> {
  if (key instanceof Uint8Array) return { algorithm: 'Ed25519', privateKey: key };
  if (key?.algorithm !== 'Ed25519' && key?.algorithm !== 'ECDSA-P256')
    throw new ArgumentError('signingKey: expected an Ed25519 or ECDSA-P256 private key');
  return key;
}

/** Checks a signing key's shape at the boundary. */
export function assertSigningKey(key: SigningKey): void {
  abytes(normalSigningKey(key).privateKey, 32, 'signingKey');
}

/** The scheme a signing key signs with. */
export const schemeOfSigningKey = (key: SigningKey): number =>
  normalSigningKey(key).algorithm === 'Ed25519' ? SignatureScheme.ed25519 : SignatureScheme.ecdsa_secp256r1_sha256;

/** The schemes a certificate key can verify (§4.4.3: RSA keys only with RSASSA-PSS in TLS 1.3). */
export function schemesOfPeerKey(key: PeerPublicKey): number[] {
  const { algorithm } = normalPeerKey(key);
  if (algorithm === 'Ed25519') return [SignatureScheme.ed25519];
  if (algorithm === 'ECDSA-P256') return [SignatureScheme.ecdsa_secp256r1_sha256];
  return [SignatureScheme.rsa_pss_rsae_sha256];
}

/**
 * Signs the CertificateVerify content (§4.4.3). Ed25519 (RFC 8032) and ECDSA with RFC 6979 nonces are both
 * deterministic, so the engine stays replayable; the ECDSA signature is DER (§4.2.3).
 */
export function signContent(key: SigningKey, content: Uint8Array): { scheme: number; signature: Uint8Array } {
  const k = normalSigningKey(key);
  abytes(k.privateKey, 32, 'signingKey');
  if (k.algorithm === 'Ed25519')
    return { scheme: SignatureScheme.ed25519, signature: ed25519Sign(content, k.privateKey) };
  return {
    scheme: SignatureScheme.ecdsa_secp256r1_sha256,
    signature: p256.sign(content, k.privateKey, { format: 'der' }),
  };
}

const RSA_PSS_SHA256 = PSS(sha256, mgf1(sha256), 32); // §4.2.3: salt length = digest length

/** Whether `signature` over `content` verifies under `key` with `scheme`; false for a scheme the key cannot make. */
export function verifyContent(key: PeerPublicKey, scheme: number, content: Uint8Array, signature: Uint8Array): boolean {
  const k = normalPeerKey(key);
  if (!schemesOfPeerKey(k).includes(scheme)) return false;
  try {
    if (k.algorithm === 'Ed25519') return ed25519Verify(signature, content, k.key);
    // OpenSSL's signatures need not have a low s: accept both (lowS is a Bitcoin rule, not X9.62's).
    if (k.algorithm === 'ECDSA-P256') return p256.verify(signature, content, k.key, { format: 'der', lowS: false });
    return RSA_PSS_SHA256.verify(k.key, content, signature);
  } catch {
    return false;
  }
}
