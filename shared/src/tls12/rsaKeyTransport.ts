/** RSA key transport: the premaster secret and its RSAES-PKCS1-v1_5 encryption with a seeded pad. RFC 5246 §7.4.7.1, RFC 8017 §7.2 @module */
import { PKCS1_KEM } from 'micro-rsa-dsa-dh/rsa.js';
import { I2OSP, OS2IP, pow } from 'micro-rsa-dsa-dh/utils.js';
import { ArgumentError, abytes, aint, concatBytes, uintBE } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { Tls12Error } from './errors.ts';

/** The shapes x509/keys.ts uses for an RSA key pair (docs/engine-contract.md). */
export interface RsaPublicKey {
  n: bigint;
  e: bigint;
}
export interface RsaPrivateKey {
  n: bigint;
  d: bigint;
}

export const PRE_MASTER_SECRET_LENGTH = 48;
const TLS12_VERSION = 0x0303;

function assertRsaKey(key: unknown, exponent: 'e' | 'd', title: string): void {
  const k = key as Record<string, unknown> | null;
  if (k === null || typeof k !== 'object' || typeof k.n !== 'bigint' || typeof k[exponent] !== 'bigint')
    throw new ArgumentError(`${title}: expected { n: bigint, ${exponent}: bigint }`);
  if ((k.n as bigint) <= 1n || (k[exponent] as bigint) <= 0n)
    throw new ArgumentError(`${title}: n and ${exponent} must be positive`);
}

/** k, the length in bytes of the modulus n (RFC 8017 §2). */
export function modulusLength(n: bigint): number {
  return Math.ceil(n.toString(2).length / 8);
}

/** PreMasterSecret = client_version (2 bytes) + random (46 bytes) (§7.4.7.1). */
export function createPreMasterSecret(rng: Rng, clientVersion = TLS12_VERSION): Uint8Array {
  aint(clientVersion, 0, 0xffff, 'clientVersion');
  return concatBytes(uintBE(clientVersion, 2), rng.bytes(PRE_MASTER_SECRET_LENGTH - 2));
}

/** `length` nonzero pseudo-random octets from the Rng (RFC 8017 §7.2.1 step 2a), redrawing each zero. */
function nonzeroOctets(rng: Rng, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) for (const b of rng.bytes(length - filled)) if (b !== 0) out[filled++] = b;
  return out;
}

/**
 * RSAES-PKCS1-v1_5-ENCRYPT (RFC 8017 §7.2.1): EM = 0x00 ‖ 0x02 ‖ PS ‖ 0x00 ‖ M with PS nonzero and from the Rng,
 * then RSAEP (§5.1.1) c = m^e mod n with the library's integer primitives. Deterministic for a given Rng.
 */
export function rsaesPkcs1v15Encrypt(publicKey: RsaPublicKey, message: Uint8Array, rng: Rng): Uint8Array {
  assertRsaKey(publicKey, 'e', 'publicKey');
  abytes(message, undefined, 'message');
  const k = modulusLength(publicKey.n);
  if (message.length > k - 11) throw new ArgumentError(`message: too long for a ${k}-byte modulus`); // step 1
  const em = concatBytes(
    Uint8Array.of(0x00, 0x02),
    nonzeroOctets(rng, k - message.length - 3),
    Uint8Array.of(0),
    message,
  );
  const m = OS2IP(em); // step 3a
  if (m >= publicKey.n) throw new ArgumentError('publicKey: modulus too small for this message'); // RSAEP step 1
  return I2OSP(pow(m, publicKey.e, publicKey.n), k); // steps 3b, 3c
}

/** RSAES-PKCS1-v1_5-DECRYPT (RFC 8017 §7.2.2) by the library; any failure is a DECRYPT_ERROR. */
export function rsaesPkcs1v15Decrypt(privateKey: RsaPrivateKey, ciphertext: Uint8Array): Uint8Array {
  assertRsaKey(privateKey, 'd', 'privateKey');
  abytes(ciphertext, undefined, 'ciphertext');
  try {
    return PKCS1_KEM.decrypt(privateKey, ciphertext).slice();
  } catch {
    throw new Tls12Error(
      'DECRYPT_ERROR',
      'This RSA private key does not open the ciphertext: the result is not a valid PKCS#1 v1.5 message.',
    );
  }
}

/** EncryptedPreMasterSecret (§7.4.7.1): the 48-byte premaster secret under the server's RSA public key. */
export function encryptPreMasterSecret(publicKey: RsaPublicKey, preMasterSecret: Uint8Array, rng: Rng): Uint8Array {
  abytes(preMasterSecret, PRE_MASTER_SECRET_LENGTH, 'preMasterSecret');
  return rsaesPkcs1v15Encrypt(publicKey, preMasterSecret, rng);
}

/**
 * The server's side of §7.4.7.1 with its Bleichenbacher countermeasure: draw R (46 bytes) first, decrypt,
 * and if the padding is wrong or the message is not 48 bytes, continue with client_version ‖ R — never an
 * alert here, so the failure only surfaces at Finished. Otherwise client_version ‖ M[2..47] (the version
 * the client announced in its ClientHello, so a rollback also surfaces at Finished). R always comes from
 * the Rng, so a round replays byte for byte whichever branch is taken.
 */
export function decryptPreMasterSecret(
  privateKey: RsaPrivateKey,
  encryptedPreMasterSecret: Uint8Array,
  clientHelloVersion: number,
  rng: Rng,
): Uint8Array {
  aint(clientHelloVersion, 0, 0xffff, 'clientHelloVersion');
  const version = uintBE(clientHelloVersion, 2);
  const random = rng.bytes(PRE_MASTER_SECRET_LENGTH - 2); // step 1
  let message: Uint8Array | undefined;
  try {
    message = rsaesPkcs1v15Decrypt(privateKey, encryptedPreMasterSecret); // step 2
  } catch (error) {
    if (!(error instanceof Tls12Error)) throw error;
  }
  if (message === undefined || message.length !== PRE_MASTER_SECRET_LENGTH) return concatBytes(version, random); // step 3
  return concatBytes(version, message.subarray(2));
}
