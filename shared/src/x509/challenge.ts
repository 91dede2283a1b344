/** Domain-control challenge modelled on ACME http-01 (RFC 8555 §8.3) with key authorizations (§8.1). @module */

import { ArgumentError, abytes, toBase64 } from '../bytes/bytes.ts';
import { sha256 } from '../crypto/primitives.ts';
import type { Rng } from '../rng/rng.ts';
import { parseCertificateRequest, readCertificateRequest, requestedDomain } from './csr.ts';
import { CertificateError } from './errors.ts';
import type { Refusal } from './refusal.ts';

/** RFC 8555 §8.3: a token carries at least 128 bits of entropy. */
const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,}$/;

export interface DomainChallenge {
  type: 'http-01';
  domain: string;
  /** base64url of 16 random bytes (RFC 8555 §8.3). */
  token: string;
}

export type ChallengeResult =
  | { ok: true; domain: string; keyThumbprint: string }
  | { ok: false; domain: string; refusal: Refusal };

/** base64url without padding (RFC 4648 §5), as ACME writes tokens and thumbprints. */
export function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64url(SHA-256(SPKI)) of the requester's key. It plays the part of ACME's account-key
 * thumbprint, which RFC 8555 §8.1 takes as the RFC 7638 JWK thumbprint (SHA-256 over a canonical
 * JSON form of the key); here the canonical form is the DER SubjectPublicKeyInfo of the key in the request.
 */
export function keyThumbprint(subjectPublicKeyInfo: Uint8Array): string {
  abytes(subjectPublicKeyInfo, undefined, 'subjectPublicKeyInfo');
  return base64url(sha256(subjectPublicKeyInfo));
}

/** token ‖ '.' ‖ thumbprint (RFC 8555 §8.1): what the domain's real owner publishes to answer the challenge. */
export function keyAuthorization(token: string, requesterPublicKeySpki: Uint8Array): string {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token))
    throw new CertificateError('MALFORMED', 'A challenge token is a base64url string of at least 128 bits.');
  return `${token}.${keyThumbprint(requesterPublicKeySpki)}`;
}

/** Where http-01 looks for the key authorization (RFC 8555 §8.3). */
export function challengeUrl(challenge: DomainChallenge): string {
  return `http://${challenge.domain}/.well-known/acme-challenge/${challenge.token}`;
}

/** A fresh challenge for the one domain a request names; throws CertificateError if it names none or several. */
export function createDomainChallenge(rng: Rng, requestDer: Uint8Array): DomainChallenge {
  const domain = requestedDomain(parseCertificateRequest(requestDer));
  if (domain === null)
    throw new CertificateError('INVALID_NAME', 'This request does not name exactly one domain to check.');
  return { type: 'http-01', domain, token: base64url(rng.bytes(TOKEN_BYTES)) };
}

/**
 * RFC 8555 §8.3: the CA fetches the challenge URL and compares what it finds with the key
 * authorization for the requester's key. `servedAtDomain` is what the party that really controls
 * the domain published there (null if nothing): an impostor cannot publish at someone else's
 * domain, so the real owner's answer (or none) never matches the impostor's key.
 */
export function checkDomainChallenge(
  challenge: DomainChallenge,
  requestDer: Uint8Array,
  servedAtDomain: string | null,
): ChallengeResult {
  if (challenge?.type !== 'http-01' || typeof challenge.domain !== 'string' || typeof challenge.token !== 'string')
    throw new ArgumentError('challenge: expected a DomainChallenge');
  if (servedAtDomain !== null && typeof servedAtDomain !== 'string')
    throw new ArgumentError('servedAtDomain: expected a string or null');
  const { domain } = challenge;
  const refuse = (code: Refusal['code'], reason: string): ChallengeResult => ({
    ok: false,
    domain,
    refusal: { code, reason },
  });
  const read = readCertificateRequest(requestDer);
  if (!read.ok) return { ok: false, domain, refusal: read.refusal };
  const { request } = read;
  const requested = requestedDomain(request);
  if (requested !== domain)
    return refuse(
      'DOMAIN_NOT_VERIFIED',
      `This check was for ${domain}, but the request asks for ${requested ?? 'something else'}.`,
    );
  const url = challengeUrl(challenge);
  if (servedAtDomain === null)
    return refuse(
      'DOMAIN_NOT_VERIFIED',
      `Nothing was published at ${url}, so nobody has shown they control ${domain}.`,
    );
  if (servedAtDomain !== keyAuthorization(challenge.token, request.subjectPublicKeyInfo))
    return refuse(
      'DOMAIN_NOT_VERIFIED',
      `What ${domain} publishes at ${url} does not match the key in this request: whoever runs ${domain} did not ask for this certificate.`,
    );
  return { ok: true, domain, keyThumbprint: keyThumbprint(request.subjectPublicKeyInfo) };
}
