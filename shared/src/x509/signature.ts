/** Signatures on certificates and requests: Ed25519 (RFC 8410 §6, RFC 8032 §5.1), ecdsa-with-SHA256 (RFC 5758 §3.2, FIPS 186-5, RFC 6979) and sha256WithRSAEncryption (RFC 8017 §8.2, RFC 4055 §5). @module */
import { p256 } from '@noble/curves/nist.js';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { PKCS1_SHA256 } from 'micro-rsa-dsa-dh/rsa.js';
import { abytes } from '../bytes/bytes.ts';
import { ed25519Sign, ed25519Verify } from '../crypto/primitives.ts';
import { CertificateError } from './errors.ts';
import {
  assertKeyPair,
  assertSubjectPublicKey,
  type KeyAlgorithm,
  type KeyPair,
  type SubjectPublicKey,
} from './keys.ts';
import { OID_ECDSA_WITH_SHA256, OID_ED25519, OID_SHA256_WITH_RSA } from './oids.ts';

export type SignatureAlgorithm = 'Ed25519' | 'ECDSA-SHA256' | 'RSA-SHA256';

/** Which signature a key of this algorithm makes. */
export function signatureAlgorithmFor(keyAlgorithm: KeyAlgorithm): SignatureAlgorithm {
  if (keyAlgorithm === 'Ed25519') return 'Ed25519';
  return keyAlgorithm === 'ECDSA-P256' ? 'ECDSA-SHA256' : 'RSA-SHA256';
}

/** Ed25519 and ecdsa-with-SHA256: parameters absent (RFC 8410 §3, RFC 5758 §3.2); sha256WithRSAEncryption: parameters NULL (RFC 4055 §5). */
export function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): AlgorithmIdentifier {
  if (algorithm === 'Ed25519') return new AlgorithmIdentifier({ algorithm: OID_ED25519 });
  if (algorithm === 'ECDSA-SHA256') return new AlgorithmIdentifier({ algorithm: OID_ECDSA_WITH_SHA256 });
  return new AlgorithmIdentifier({ algorithm: OID_SHA256_WITH_RSA, parameters: null });
}

/** Names a signature AlgorithmIdentifier; RSA parameters may be NULL or absent (RFC 4055 §5 asks readers to take both). */
export function readSignatureAlgorithm(identifier: AlgorithmIdentifier): SignatureAlgorithm {
  const { algorithm, parameters } = identifier;
  if (algorithm === OID_ED25519 && parameters === undefined) return 'Ed25519';
  if (algorithm === OID_ECDSA_WITH_SHA256 && parameters === undefined) return 'ECDSA-SHA256';
  if (algorithm === OID_SHA256_WITH_RSA && (parameters === null || parameters === undefined)) return 'RSA-SHA256';
  throw new CertificateError(
    'MALFORMED',
    `This was signed with an algorithm (${algorithm}) that Handshake does not check; it knows Ed25519, ECDSA with SHA-256 and SHA-256 with RSA.`,
  );
}

/**
 * Ed25519 is deterministic (RFC 8032 §5.1.6), so is RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1), and ECDSA takes its
 * nonce from RFC 6979: no randomness needed. The ECDSA signature is the DER Ecdsa-Sig-Value (RFC 5758 §3.2).
 */
export function signMessage(keyPair: KeyPair, message: Uint8Array): Uint8Array {
  assertKeyPair(keyPair, 'keyPair');
  abytes(message, undefined, 'message');
  if (keyPair.algorithm === 'Ed25519') return ed25519Sign(message, keyPair.privateKey);
  if (keyPair.algorithm === 'ECDSA-P256') return p256.sign(message, keyPair.privateKey, { format: 'der' });
  return PKCS1_SHA256.sign(keyPair.privateKey, message);
}

/** False, never a throw, for a wrong key, a key of the other algorithm or a mangled signature. */
export function verifySignature(
  publicKey: SubjectPublicKey,
  algorithm: SignatureAlgorithm,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  assertSubjectPublicKey(publicKey, 'publicKey');
  abytes(message, undefined, 'message');
  abytes(signature, undefined, 'signature');
  if (algorithm !== signatureAlgorithmFor(publicKey.algorithm)) return false;
  try {
    if (publicKey.algorithm === 'Ed25519') return ed25519Verify(signature, message, publicKey.key); // RFC 8032 §5.1.7 strict decoding
    // X9.62 does not require a low s, and OpenSSL does not make one: accept both.
    if (publicKey.algorithm === 'ECDSA-P256')
      return p256.verify(signature, message, publicKey.key, { format: 'der', lowS: false });
    return PKCS1_SHA256.verify(publicKey.key, message, signature);
  } catch {
    return false; // e.g. a 63-byte Ed25519 signature or a key that is not a curve point
  }
}
