/** The game's use of the X.509 module: keys, requests, domain challenges and issuance. @module */
import { bytesToHex, uintBE } from '../../bytes/bytes.ts';
import { type Rng, seededRng } from '../../rng/rng.ts';
import { CAREFUL_POLICY, CARELESS_POLICY, type CertificateAuthority, issueCertificate } from '../../x509/ca.ts';
import { checkDomainChallenge, createDomainChallenge, keyAuthorization } from '../../x509/challenge.ts';
import { buildCertificateRequest, parseCertificateRequest } from '../../x509/csr.ts';
import {
  generateEd25519KeyPair,
  generateRsaKeyPair,
  type KeyPair,
  publicKeyOf,
  subjectPublicKeyBits,
} from '../../x509/keys.ts';

// RSA key generation takes about half a second at 2048 bits: keys are cached by the seed that made them,
// so replaying a round (same seed) reuses them and the result stays a pure function of the seed. The cache
// keeps the most recently used keys only, so a long-running server does not grow with every round.
const RSA_CACHE_SIZE = 64;
const rsaCache = new Map<string, KeyPair>();

/** Makes the RSA key pair a 32-byte seed stands for: the same pair from the same seed, wherever it runs. */
export type RsaKeyMaker = (bits: number, seed: Uint8Array) => KeyPair;

/** The key pair for `seed`, made here and now (about 0.6 s at 2048 bits). */
export function rsaKeyPairFromSeed(bits: number, seed: Uint8Array): KeyPair {
  return generateRsaKeyPair(seededRng(seed, 'rsa-keygen'), bits);
}

let rsaKeyMaker: RsaKeyMaker = rsaKeyPairFromSeed;

/**
 * Lets a platform supply keys on a cache miss (the server hands over keys its worker threads made from the
 * same seed, or throws to say a key is not ready yet); `null` restores making them here.
 */
export function useRsaKeyMaker(maker: RsaKeyMaker | null): void {
  rsaKeyMaker = maker ?? rsaKeyPairFromSeed;
}

export function makeKeyPair(rng: Rng, algorithm: 'Ed25519' | 'RSA', rsaBits: number): KeyPair {
  if (algorithm === 'Ed25519') return generateEd25519KeyPair(rng);
  const seed = rng.bytes(32);
  const key = `${rsaBits}:${bytesToHex(seed)}`;
  let pair = rsaCache.get(key);
  if (pair) rsaCache.delete(key);
  else pair = rsaKeyMaker(rsaBits, seed);
  rsaCache.set(key, pair);
  if (rsaCache.size > RSA_CACHE_SIZE) rsaCache.delete(rsaCache.keys().next().value as string);
  return pair;
}

export function publicKeyBytes(pair: KeyPair): Uint8Array {
  return subjectPublicKeyBits(publicKeyOf(pair));
}

export function privateKeyBytes(pair: KeyPair): Uint8Array {
  if (pair.algorithm !== 'RSA') return pair.privateKey;
  const d = pair.privateKey.d;
  return uintBE(d, Math.ceil(d.toString(16).length / 2));
}

export function buildRequest(domain: string, keyPair: KeyPair): Uint8Array {
  return buildCertificateRequest({ domain, keyPair });
}

export function newChallengeToken(rng: Rng, requestDer: Uint8Array): string {
  return createDomainChallenge(rng, requestDer).token;
}

/** RFC 8555 §8.1 key authorization for the requester's key: what the domain's owner publishes. */
export function challengeAnswer(token: string, requestDer: Uint8Array): string {
  return keyAuthorization(token, parseCertificateRequest(requestDer).subjectPublicKeyInfo);
}

export function checkChallenge(token: string | null, requestDer: Uint8Array, published: string | null): boolean {
  if (token === null) return false;
  const domain = parseCertificateRequest(requestDer).subjectCN;
  return checkDomainChallenge({ type: 'http-01', domain, token }, requestDer, published).ok;
}

export function issue(
  rng: Rng,
  ca: CertificateAuthority,
  requestDer: Uint8Array,
  now: number,
  options: { careless: boolean; token: string | null; published: string | null },
) {
  const domain = parseCertificateRequest(requestDer).subjectCN;
  const challengeResult =
    options.token === null
      ? null
      : checkDomainChallenge({ type: 'http-01', domain, token: options.token }, requestDer, options.published);
  return issueCertificate(rng, ca, requestDer, {
    now,
    validityDays: 90,
    challengeResult,
    policy: options.careless ? CARELESS_POLICY : CAREFUL_POLICY,
  });
}
