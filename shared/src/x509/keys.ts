/** Ed25519 (RFC 8032, RFC 8410), ECDSA P-256 (FIPS 186-5, RFC 5480) and RSA (RFC 8017) key pairs and their SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). @module */
import { p256 } from '@noble/curves/nist.js';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { ArgumentError, abytes, aint, equalBytes } from '../bytes/bytes.ts';
import { ed25519PublicKey } from '../crypto/primitives.ts';
import type { Rng } from '../rng/rng.ts';
import { arrayBufferOf, bytesOf, decodeDer, encodeDer, positiveIntegerBytes, readPositiveInteger } from './der.ts';
import { CertificateError } from './errors.ts';
import { OID_EC_PUBLIC_KEY, OID_ED25519, OID_RSA_ENCRYPTION, OID_X25519 } from './oids.ts';
import { probablePrimes, rsaKeyFromPrimes } from './rsaKeygen.ts';

export type KeyAlgorithm = 'Ed25519' | 'RSA' | 'ECDSA-P256';
export interface RsaPublicKey {
  n: bigint;
  e: bigint;
}
export interface RsaPrivateKey {
  n: bigint;
  d: bigint;
}
export interface Ed25519KeyPair {
  algorithm: 'Ed25519';
  /** 32-byte encoded point (RFC 8032 §5.1.5). */
  publicKey: Uint8Array;
  /** 32-byte secret seed (RFC 8032 §5.1.5). */
  privateKey: Uint8Array;
}
export interface EcdsaP256KeyPair {
  algorithm: 'ECDSA-P256';
  /** 65-byte uncompressed point 0x04 ‖ X ‖ Y (SEC 1 §2.3.3), as RFC 5480 §2.2 puts it in certificates. */
  publicKey: Uint8Array;
  /** 32-byte scalar. */
  privateKey: Uint8Array;
}
export interface RsaKeyPair {
  algorithm: 'RSA';
  publicKey: RsaPublicKey;
  privateKey: RsaPrivateKey;
}
export type KeyPair = Ed25519KeyPair | EcdsaP256KeyPair | RsaKeyPair;

/** A public key as a certificate carries it (the contract's `ParsedCertificate.publicKey`). */
export type SubjectPublicKey =
  | { algorithm: 'Ed25519'; key: Uint8Array }
  | { algorithm: 'ECDSA-P256'; key: Uint8Array }
  | { algorithm: 'RSA'; key: RsaPublicKey };

/** ECParameters namedCurve secp256r1 (RFC 5480 §2.1.1), DER: OBJECT IDENTIFIER 1.2.840.10045.3.1.7. */
const P256_PARAMETERS = Uint8Array.of(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);

/** F4, the public exponent every RSA key here uses (RFC 8017 §3.1 allows any odd e ≥ 3). */
export const RSA_PUBLIC_EXPONENT = 65537n;
/** Modulus sizes accepted when reading keys; 1024 only for fast tests and games, never for real use. */
const RSA_MODULUS_BITS = { min: 1024, max: 8192 } as const;

export function generateEd25519KeyPair(rng: Rng): Ed25519KeyPair {
  const privateKey = rng.bytes(32); // RFC 8032 §5.1.5: the secret key is 32 random octets
  return { algorithm: 'Ed25519', publicKey: ed25519PublicKey(privateKey), privateKey };
}

/** FIPS 186-5 A.2.1: a P-256 scalar from 48 random bytes reduced mod n (negligible bias). */
export function generateEcdsaP256KeyPair(rng: Rng): EcdsaP256KeyPair {
  const privateKey = p256.utils.randomSecretKey(rng.bytes(48));
  return { algorithm: 'ECDSA-P256', publicKey: p256.getPublicKey(privateKey, false), privateKey };
}

/**
 * FIPS 186-5 A.1.3 primes drawn from the seeded stream, so a seed always gives the same key
 * (about 0.6 s at 2048 bits: callers cache). 1024 bits is for tests and toy rounds only.
 */
export function generateRsaKeyPair(rng: Rng, bits = 2048): RsaKeyPair {
  aint(bits, 1024, 4096, 'bits');
  if (bits % 16 !== 0) throw new ArgumentError('bits: expected a multiple of 16');
  const randFn = (n: number) => rng.bytes(n);
  const { p, q } = probablePrimes(bits, RSA_PUBLIC_EXPONENT, randFn);
  const { publicKey, privateKey } = rsaKeyFromPrimes(p, q, RSA_PUBLIC_EXPONENT);
  return { algorithm: 'RSA', publicKey, privateKey };
}

export function publicKeyOf(keyPair: KeyPair): SubjectPublicKey {
  assertKeyPair(keyPair, 'keyPair');
  if (keyPair.algorithm === 'Ed25519') return { algorithm: 'Ed25519', key: keyPair.publicKey };
  if (keyPair.algorithm === 'ECDSA-P256') return { algorithm: 'ECDSA-P256', key: keyPair.publicKey };
  return { algorithm: 'RSA', key: keyPair.publicKey };
}

export function equalPublicKeys(a: SubjectPublicKey, b: SubjectPublicKey): boolean {
  if (a.algorithm === 'RSA') return b.algorithm === 'RSA' && a.key.n === b.key.n && a.key.e === b.key.e;
  return b.algorithm === a.algorithm && equalBytes(a.key, b.key);
}

/** The subjectPublicKey BIT STRING contents: the raw key (RFC 8410 §4), the uncompressed point (RFC 5480 §2.2) or a DER RSAPublicKey (RFC 8017 A.1.1). */
export function subjectPublicKeyBits(key: SubjectPublicKey): Uint8Array {
  assertSubjectPublicKey(key, 'key');
  if (key.algorithm !== 'RSA') return key.key.slice();
  const { n, e } = key.key;
  return encodeDer(
    new RSAPublicKey({
      modulus: arrayBufferOf(positiveIntegerBytes(n)),
      publicExponent: arrayBufferOf(positiveIntegerBytes(e)),
    }),
  );
}

/** SubjectPublicKeyInfo DER: Ed25519 with parameters absent (RFC 8410 §3), id-ecPublicKey with the named curve (RFC 5480 §2.1.1), rsaEncryption with NULL (RFC 8017 A.1). */
export function encodeSubjectPublicKeyInfo(key: SubjectPublicKey): Uint8Array {
  const algorithm =
    key.algorithm === 'Ed25519'
      ? new AlgorithmIdentifier({ algorithm: OID_ED25519 })
      : key.algorithm === 'ECDSA-P256'
        ? new AlgorithmIdentifier({ algorithm: OID_EC_PUBLIC_KEY, parameters: arrayBufferOf(P256_PARAMETERS) })
        : new AlgorithmIdentifier({ algorithm: OID_RSA_ENCRYPTION, parameters: null });
  return encodeDer(new SubjectPublicKeyInfo({ algorithm, subjectPublicKey: arrayBufferOf(subjectPublicKeyBits(key)) }));
}

/** Reads a DER SubjectPublicKeyInfo; throws CertificateError('MALFORMED') for anything but Ed25519, P-256 or RSA keys. */
export function decodeSubjectPublicKeyInfo(der: Uint8Array): SubjectPublicKey {
  abytes(der, undefined, 'der');
  const spki = decodeDer(der, SubjectPublicKeyInfo, 'public key');
  const { algorithm, parameters } = spki.algorithm;
  const bits = bytesOf(spki.subjectPublicKey);
  const bad = (why: string) => new CertificateError('MALFORMED', why);
  switch (algorithm) {
    case OID_ED25519:
      if (parameters !== undefined) throw bad('An Ed25519 key must not carry parameters (RFC 8410 §3).');
      if (bits.length !== 32) throw bad(`An Ed25519 public key is 32 bytes long, but this one is ${bits.length}.`);
      return { algorithm: 'Ed25519', key: bits };
    case OID_EC_PUBLIC_KEY:
      if (!(parameters instanceof ArrayBuffer) || !equalBytes(new Uint8Array(parameters), P256_PARAMETERS))
        throw bad('This elliptic-curve key is not on P-256, the only curve Handshake knows (RFC 5480 §2.1.1.1).');
      if (bits.length !== 65 || bits[0] !== 0x04 || !p256.utils.isValidPublicKey(bits, false))
        throw bad('This P-256 public key is not an uncompressed point on the curve (RFC 5480 §2.2).');
      return { algorithm: 'ECDSA-P256', key: bits };
    case OID_RSA_ENCRYPTION:
      if (parameters !== null) throw bad('An RSA key must carry NULL parameters (RFC 8017 A.1).');
      return { algorithm: 'RSA', key: decodeRsaPublicKey(bits) };
    case OID_X25519:
      throw bad('This is an X25519 key, which can only agree on secrets; certificates here carry Ed25519 or RSA keys.');
    default:
      throw bad(
        `This key uses an algorithm (${algorithm}) that Handshake does not know; it knows Ed25519, ECDSA P-256 and RSA.`,
      );
  }
}

function decodeRsaPublicKey(der: Uint8Array): RsaPublicKey {
  const rsa = decodeDer(der, RSAPublicKey, 'RSA public key');
  const n = readPositiveInteger(bytesOf(rsa.modulus), 'RSA modulus');
  const e = readPositiveInteger(bytesOf(rsa.publicExponent), 'RSA public exponent');
  const bits = n.toString(2).length;
  if (bits < RSA_MODULUS_BITS.min || bits > RSA_MODULUS_BITS.max || n % 2n === 0n)
    throw new CertificateError('MALFORMED', `This RSA key's modulus (${bits} bits) is not a usable RSA modulus.`);
  if (e < 3n || e % 2n === 0n || e >= n)
    throw new CertificateError('MALFORMED', 'This RSA key has an impossible public exponent (RFC 8017 §3.1).');
  return { n, e };
}

export function assertSubjectPublicKey(key: unknown, title: string): asserts key is SubjectPublicKey {
  const k = key as SubjectPublicKey | null;
  if (k?.algorithm === 'Ed25519') return abytes(k.key, 32, `${title}.key`);
  if (k?.algorithm === 'ECDSA-P256') return abytes(k.key, 65, `${title}.key`);
  if (
    k?.algorithm === 'RSA' &&
    typeof k.key?.n === 'bigint' &&
    typeof k.key.e === 'bigint' &&
    k.key.n > 0n &&
    k.key.e > 0n
  )
    return;
  throw new ArgumentError(`${title}: expected an Ed25519, ECDSA-P256 or RSA public key`);
}

export function assertKeyPair(keyPair: unknown, title: string): asserts keyPair is KeyPair {
  const k = keyPair as KeyPair | null;
  if (k?.algorithm === 'Ed25519') {
    abytes(k.publicKey, 32, `${title}.publicKey`);
    return abytes(k.privateKey, 32, `${title}.privateKey`);
  }
  if (k?.algorithm === 'ECDSA-P256') {
    abytes(k.publicKey, 65, `${title}.publicKey`);
    return abytes(k.privateKey, 32, `${title}.privateKey`);
  }
  if (k?.algorithm === 'RSA') {
    assertSubjectPublicKey({ algorithm: 'RSA', key: k.publicKey }, `${title}.publicKey`);
    if (typeof k.privateKey?.d === 'bigint' && k.privateKey.n === k.publicKey.n) return;
  }
  throw new ArgumentError(`${title}: expected an Ed25519, ECDSA-P256 or RSA key pair`);
}
