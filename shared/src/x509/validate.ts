/** Certificate path validation (RFC 5280 §6.1, simplified) and server identity (RFC 6125 §6), reporting every failed check. @module */
import { ArgumentError, abytes, aint, equalBytes } from '../bytes/bytes.ts';
import { isSelfIssued, type ParsedCertificate, parseCertificate, verifyCertificateSignature } from './certificate.ts';
import { dnsNameMatches } from './dnsName.ts';
import { CertificateError } from './errors.ts';
import { assertSubjectPublicKey, equalPublicKeys, type SubjectPublicKey } from './keys.ts';
import { OID_ANY_EXTENDED_KEY_USAGE, OID_KP_CLIENT_AUTH, OID_KP_SERVER_AUTH } from './oids.ts';
import { MAX_CERTIFICATE_TIME } from './time.ts';

export type ValidationFailureCode =
  | 'UNKNOWN_ISSUER'
  | 'SELF_SIGNED'
  | 'BAD_SIGNATURE'
  | 'NAME_MISMATCH'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NOT_A_CA'
  | 'KEY_MISMATCH'
  | 'WRONG_PURPOSE'
  | 'MALFORMED';

export interface ValidationFailure {
  code: ValidationFailureCode;
  /** A sentence a student can read. */
  message: string;
  /** Which certificate: its index in `path` (0 = the leaf), or in `chainDer` for MALFORMED. */
  depth: number;
}

export interface ChainValidationParams {
  /** The certificates the server sent, its own first (RFC 8446 §4.4.2, RFC 5246 §7.4.2). */
  chainDer: readonly Uint8Array[];
  /** The client's trust store; each must parse (a broken trust store is a programming error and throws). */
  trustedRootsDer: readonly Uint8Array[];
  /** Seconds since the Unix epoch. */
  now: number;
  /** The host name the client meant to reach. */
  expectedName: string;
  /** The public key the peer proved it holds in the handshake; checked against the leaf's. */
  expectedPublicKey?: SubjectPublicKey;
}

export interface ChainValidationResult {
  ok: boolean;
  failures: ValidationFailure[];
  leaf: ParsedCertificate | null;
  /** Leaf first, then each issuer found, ending with the trust anchor when one was reached. */
  path: ParsedCertificate[];
}

/** Longest path tried (RFC 5280 §6.1 puts no limit; browsers stop near 8). */
const MAX_PATH_LENGTH = 8;

/**
 * Builds the path from the leaf to a trusted root and checks it: every signature, that every
 * issuer is a CA, every validity period at `now`, the leaf's names against `expectedName` and,
 * if given, the leaf's key against the one the peer proved it holds. Returns every failure.
 */
export function validateCertificateChain(params: ChainValidationParams): ChainValidationResult {
  const { chainDer, trustedRootsDer, now, expectedName, expectedPublicKey } = params;
  if (!Array.isArray(chainDer)) throw new ArgumentError('chainDer: expected an array of Uint8Array');
  if (!Array.isArray(trustedRootsDer)) throw new ArgumentError('trustedRootsDer: expected an array of Uint8Array');
  for (const [i, der] of chainDer.entries()) abytes(der, undefined, `chainDer[${i}]`);
  aint(now, 0, MAX_CERTIFICATE_TIME, 'now');
  if (typeof expectedName !== 'string') throw new ArgumentError('expectedName: expected a string');
  if (expectedPublicKey !== undefined) assertSubjectPublicKey(expectedPublicKey, 'expectedPublicKey');
  const roots = trustedRootsDer.map((der) => parseCertificate(der));

  const failures: ValidationFailure[] = [];
  const fail = (code: ValidationFailureCode, message: string, depth: number) => failures.push({ code, message, depth });
  if (chainDer.length === 0) {
    fail('MALFORMED', 'The server did not send any certificate.', 0);
    return { ok: false, failures, leaf: null, path: [] };
  }
  const presented = chainDer.map((der, i) => {
    try {
      return parseCertificate(der);
    } catch (error) {
      if (!(error instanceof CertificateError)) throw error;
      const which = i === 0 ? "The server's certificate" : `Certificate number ${i + 1} that the server sent`;
      fail('MALFORMED', `${which} could not be read. ${error.message}`, i);
      return null;
    }
  });
  const [leaf, ...rest] = presented;
  if (!leaf) return { ok: false, failures, leaf: null, path: [] };

  const path = buildPath(
    leaf,
    rest.filter((c) => c !== null),
    roots,
    fail,
  );
  for (const [depth, certificate] of path.entries()) {
    checkValidityPeriod(certificate, depth, now, fail);
    checkServerPurpose(certificate, depth, fail);
  }
  if (!leaf.dnsNames.some((name) => dnsNameMatches(name, expectedName)))
    fail('NAME_MISMATCH', nameMismatchMessage(leaf, expectedName), 0);
  if (expectedPublicKey && !equalPublicKeys(leaf.publicKey, expectedPublicKey))
    fail(
      'KEY_MISMATCH',
      `The server proved it holds a different key from the one in the certificate for ${subjectOf(leaf)}: this certificate is not theirs.`,
      0,
    );
  return { ok: failures.length === 0, failures, leaf, path };
}

type Fail = (code: ValidationFailureCode, message: string, depth: number) => void;

/** RFC 5280 §6.1.3: walk issuer by issuer, preferring trusted roots, until a trust anchor (name + key, §6.1.1 (d)). */
function buildPath(
  leaf: ParsedCertificate,
  intermediates: ParsedCertificate[],
  roots: ParsedCertificate[],
  fail: Fail,
): ParsedCertificate[] {
  const path = [leaf];
  const unused = new Set(intermediates);
  for (let depth = 0; ; depth++) {
    const current = path[depth]!;
    const anchor = roots.find(
      (r) => equalBytes(r.subjectName, current.subjectName) && equalPublicKeys(r.publicKey, current.publicKey),
    );
    if (anchor) {
      if (depth > 0) path[depth] = anchor; // the trust store's copy is authoritative
      return path;
    }
    const who = depth === 0 ? `The certificate for ${subjectOf(current)}` : `The authority "${current.subjectCN}"`;
    if (depth + 1 >= MAX_PATH_LENGTH) {
      fail('UNKNOWN_ISSUER', `${who} sits at the end of a chain too long to follow back to anyone you trust.`, depth);
      return path;
    }
    const candidates = [...roots, ...unused].filter(
      (c) => c !== current && equalBytes(c.subjectName, current.issuerName) && keyIdsAgree(current, c),
    );
    const issuer = candidates.find((c) => verifyCertificateSignature(current, c.publicKey));
    if (!issuer && isSelfIssued(current)) {
      if (!verifyCertificateSignature(current, current.publicKey))
        fail('BAD_SIGNATURE', `${who} has a signature that does not match: it was changed after it was signed.`, depth);
      if (depth === 0)
        fail(
          'SELF_SIGNED',
          `${who} is signed by itself: anybody can make one of those, and nobody you trust vouches for it.`,
          depth,
        );
      else
        fail('UNKNOWN_ISSUER', `${who} vouches for itself, and it is not in your list of trusted authorities.`, depth);
      return path;
    }
    const next = issuer ?? candidates[0];
    if (!next) {
      fail(
        'UNKNOWN_ISSUER',
        `${who} says it was signed by "${current.issuerCN}", who is not in your list of trusted authorities.`,
        depth,
      );
      return path;
    }
    if (!issuer)
      fail(
        'BAD_SIGNATURE',
        `${who} claims to be signed by "${next.subjectCN}", but the signature does not match that authority's key: it was changed or forged.`,
        depth,
      );
    if (!next.isCA || (next.keyUsage !== null && !next.keyUsage.includes('keyCertSign')))
      fail(
        'NOT_A_CA',
        `"${next.subjectCN}" signed ${subjectOf(current)}, but it is not a certificate authority, so it may not vouch for anyone.`,
        depth + 1,
      );
    unused.delete(next);
    path.push(next);
  }
}

/**
 * RFC 5280 §4.2.1.1: when the certificate names its issuer's key (authorityKeyIdentifier) and the candidate names
 * its own (subjectKeyIdentifier), they must be the same key — a look-alike authority with the right name but
 * another key is not the issuer at all (OpenSSL: X509_V_ERR_AKID_SKID_MISMATCH, then "unable to get issuer").
 */
function keyIdsAgree(certificate: ParsedCertificate, issuer: ParsedCertificate): boolean {
  if (!certificate.authorityKeyId || !issuer.subjectKeyId) return true;
  return equalBytes(certificate.authorityKeyId, issuer.subjectKeyId);
}

/** keyUsage bits a TLS server key may carry (OpenSSL's sslserver purpose: signing, key transport or agreement). */
const SERVER_KEY_USAGES = ['digitalSignature', 'keyEncipherment', 'keyAgreement'] as const;

/**
 * RFC 5280 §4.2.1.12 and §4.2.1.3, as OpenSSL's `-purpose sslserver` applies them: an extKeyUsage, if present,
 * must allow serverAuth (or any purpose) on the leaf and on every authority above it; the leaf's keyUsage, if
 * present, must allow a TLS server's use of its key.
 */
function checkServerPurpose(certificate: ParsedCertificate, depth: number, fail: Fail): void {
  const purposes = certificate.extendedKeyUsage;
  const whose =
    depth === 0 ? `The certificate for ${subjectOf(certificate)}` : `The authority "${certificate.subjectCN}"`;
  if (purposes && !purposes.includes(OID_KP_SERVER_AUTH) && !purposes.includes(OID_ANY_EXTENDED_KEY_USAGE)) {
    const clientOnly = purposes.length === 1 && purposes[0] === OID_KP_CLIENT_AUTH;
    fail(
      'WRONG_PURPOSE',
      clientOnly
        ? `${whose} may only identify a client (its extended key usage says clientAuth), not a website.`
        : `${whose} is not allowed to identify a website: its extended key usage does not include serverAuth.`,
      depth,
    );
    return;
  }
  const usage = certificate.keyUsage;
  if (depth === 0 && usage && !SERVER_KEY_USAGES.some((u) => usage.includes(u)))
    fail('WRONG_PURPOSE', `${whose} has a key that may not be used to set up a secure connection (its key usage).`, 0);
}

/** RFC 5280 §4.1.2.5: valid from notBefore through notAfter, inclusive. */
function checkValidityPeriod(certificate: ParsedCertificate, depth: number, now: number, fail: Fail): void {
  const whose =
    depth === 0
      ? `The certificate for ${subjectOf(certificate)}`
      : `The certificate of the authority "${certificate.subjectCN}"`;
  if (now > certificate.notAfter)
    fail(
      'EXPIRED',
      `${whose} expired on ${readableTime(certificate.notAfter)}; it is now ${readableTime(now)}.`,
      depth,
    );
  if (now < certificate.notBefore)
    fail(
      'NOT_YET_VALID',
      `${whose} is not valid until ${readableTime(certificate.notBefore)}; it is now ${readableTime(now)}.`,
      depth,
    );
}

function nameMismatchMessage(leaf: ParsedCertificate, expectedName: string): string {
  if (leaf.dnsNames.length === 0)
    return `The certificate does not name any website, but you connected to ${expectedName}.`;
  return `The certificate is for ${listOf(leaf.dnsNames)}, but you connected to ${expectedName}.`;
}

function subjectOf(certificate: ParsedCertificate): string {
  return certificate.dnsNames[0] ?? (certificate.subjectCN || 'an unnamed server');
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "2025-03-01 12:00 UTC". */
function readableTime(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
