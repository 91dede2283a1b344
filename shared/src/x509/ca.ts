/** A certificate authority: self-signed root (RFC 5280 §3.2, §4.2.1.9) and issuance after a domain check (RFC 8555 §7.4). @module */
import { ArgumentError, aint } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { buildCertificate, type CertificateFields, parseCertificate, randomSerial } from './certificate.ts';
import { type ChallengeResult, keyThumbprint } from './challenge.ts';
import { readCertificateRequest, requestedDomain, verifyRequestSignature } from './csr.ts';
import { isValidDnsName, isWildcardName } from './dnsName.ts';
import {
  equalPublicKeys,
  generateEcdsaP256KeyPair,
  generateEd25519KeyPair,
  generateRsaKeyPair,
  type KeyAlgorithm,
  type KeyPair,
  publicKeyOf,
} from './keys.ts';
import type { Refusal } from './refusal.ts';
import { days, MAX_CERTIFICATE_TIME } from './time.ts';

export interface CertificateAuthority {
  name: string;
  keyPair: KeyPair;
  certificateDer: Uint8Array;
}

export interface CaOptions {
  name: string;
  notBefore: number;
  notAfter: number;
  /** The CA's own key, which decides how it signs: Ed25519 (the game's default), ECDSA-P256 or RSA. */
  algorithm: KeyAlgorithm;
  /** RSA modulus size when a key is generated (default 2048). */
  rsaBits?: number;
  /** Reuse a cached key pair instead of generating one (its algorithm must be `algorithm`). */
  keyPair?: KeyPair;
}

/** Whether the CA insists on a passed domain check. A careless or compromised CA does not. */
export interface IssuancePolicy {
  requireDomainControl: boolean;
}
export const CAREFUL_POLICY: IssuancePolicy = Object.freeze({ requireDomainControl: true });
export const CARELESS_POLICY: IssuancePolicy = Object.freeze({ requireDomainControl: false });

export interface IssueOptions {
  /** Seconds since the Unix epoch. */
  now: number;
  validityDays: number;
  /** The result of `checkDomainChallenge` for this very request, or null when none was run. */
  challengeResult: ChallengeResult | null;
  /** Defaults to CAREFUL_POLICY. */
  policy?: IssuancePolicy;
  /** Start of validity (default `now`); set it in the past to issue an already-expired certificate. */
  notBefore?: number;
}

export type IssueResult = { ok: true; certificateDer: Uint8Array } | { ok: false; refusal: Refusal };

const MAX_VALIDITY_DAYS = 3650;

/** A self-signed root: issuer = subject, basicConstraints cA TRUE (§4.2.1.9), keyCertSign (§4.2.1.3). */
export function createRootCa(rng: Rng, options: CaOptions): CertificateAuthority {
  const keyPair = caKeyPair(rng, options);
  return caCertificate(rng, options, keyPair, { issuerCN: options.name, issuerKey: keyPair });
}

/** A CA certificate signed by `parent`: the middle link of a three-certificate chain. */
export function createIntermediateCa(rng: Rng, parent: CertificateAuthority, options: CaOptions): CertificateAuthority {
  return caCertificate(rng, options, caKeyPair(rng, options), signedBy(parent));
}

/**
 * Issues a server certificate for the one domain `requestDer` asks for, or says why not:
 * unreadable request, a signature that is not the request key's (no proof of possession), a
 * name it will not issue, or (unless the policy is careless) no passed domain check for this
 * request's key. Any syntactically valid name is issuable, look-alike domains included.
 */
export function issueCertificate(
  rng: Rng,
  ca: CertificateAuthority,
  requestDer: Uint8Array,
  options: IssueOptions,
): IssueResult {
  const { now, validityDays, challengeResult, policy = CAREFUL_POLICY } = options;
  const notBefore = options.notBefore ?? now;
  aint(now, 0, MAX_CERTIFICATE_TIME, 'now');
  aint(validityDays, 1, MAX_VALIDITY_DAYS, 'validityDays');
  aint(notBefore, 0, MAX_CERTIFICATE_TIME - days(validityDays), 'notBefore');
  const issuer = signedBy(ca);
  const refuse = (code: Refusal['code'], reason: string): IssueResult => ({ ok: false, refusal: { code, reason } });

  const read = readCertificateRequest(requestDer);
  if (!read.ok) return read;
  const { request } = read;
  if (!verifyRequestSignature(requestDer))
    return refuse(
      'BAD_REQUEST_SIGNATURE',
      'The request is not signed by the key inside it, so the requester has not proven they hold that key.',
    );
  const domain = requestedDomain(request);
  if (domain === null) return refuse('NAME_NOT_ALLOWED', 'The request must ask for exactly one domain name.');
  if (isWildcardName(domain))
    return refuse(
      'NAME_NOT_ALLOWED',
      `${domain} is a wildcard, and a web-page check cannot prove control of every name under it (RFC 8555 §8.3).`,
    );
  if (!isValidDnsName(domain)) return refuse('NAME_NOT_ALLOWED', `${domain} is not a valid domain name.`);
  if (policy.requireDomainControl) {
    if (challengeResult === null)
      return refuse('DOMAIN_NOT_VERIFIED', `Nobody has checked that the requester controls ${domain}.`);
    if (!challengeResult.ok) return refuse('DOMAIN_NOT_VERIFIED', challengeResult.refusal.reason);
    if (
      challengeResult.domain !== domain ||
      challengeResult.keyThumbprint !== keyThumbprint(request.subjectPublicKeyInfo)
    )
      return refuse(
        'DOMAIN_NOT_VERIFIED',
        `The check of ${challengeResult.domain} was passed for a different request.`,
      );
  }
  const certificateDer = buildCertificate({
    ...issuer,
    serial: randomSerial(rng),
    subjectCN: domain,
    notBefore,
    notAfter: notBefore + days(validityDays),
    dnsNames: [domain],
    isCA: false,
    subjectPublicKey: request.publicKey,
  });
  return { ok: true, certificateDer };
}

function caKeyPair(rng: Rng, options: CaOptions): KeyPair {
  const { algorithm, keyPair } = options;
  if (algorithm !== 'Ed25519' && algorithm !== 'RSA' && algorithm !== 'ECDSA-P256')
    throw new ArgumentError('algorithm: expected Ed25519, ECDSA-P256 or RSA');
  if (keyPair) {
    if (keyPair.algorithm !== algorithm) throw new ArgumentError(`keyPair: expected an ${algorithm} key pair`);
    return keyPair;
  }
  if (algorithm === 'Ed25519') return generateEd25519KeyPair(rng);
  if (algorithm === 'ECDSA-P256') return generateEcdsaP256KeyPair(rng);
  return generateRsaKeyPair(rng, options.rsaBits ?? 2048);
}

type IssuerFields = Pick<CertificateFields, 'issuerCN' | 'issuerKey' | 'authorityKeyId'>;

function caCertificate(rng: Rng, options: CaOptions, keyPair: KeyPair, issuer: IssuerFields): CertificateAuthority {
  const certificateDer = buildCertificate({
    ...issuer,
    serial: randomSerial(rng),
    subjectCN: options.name,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    dnsNames: [],
    isCA: true,
    subjectPublicKey: publicKeyOf(keyPair),
  });
  return { name: options.name, keyPair, certificateDer };
}

/** Issuer, signing key and authority key id (§4.2.1.1) for what `ca` signs; checks its key fits its certificate. */
function signedBy(ca: CertificateAuthority): IssuerFields {
  const certificate = parseCertificate(ca.certificateDer);
  if (!equalPublicKeys(certificate.publicKey, publicKeyOf(ca.keyPair)))
    throw new ArgumentError('ca: its key pair does not match its certificate');
  return {
    issuerCN: certificate.subjectCN,
    issuerKey: ca.keyPair,
    authorityKeyId: certificate.subjectKeyId ?? undefined,
  };
}
