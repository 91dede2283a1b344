import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, fromBase64, utf8ToBytes } from '../bytes/bytes.ts';
import { CARELESS_POLICY, createIntermediateCa, createRootCa, issueCertificate } from './ca.ts';
import { isSelfIssued, parseCertificate, verifyCertificateSignature } from './certificate.ts';
import {
  base64url,
  challengeUrl,
  checkDomainChallenge,
  createDomainChallenge,
  keyAuthorization,
  keyThumbprint,
} from './challenge.ts';
import { buildCertificateRequest, parseCertificateRequest } from './csr.ts';
import { encodeSubjectPublicKeyInfo, generateEcdsaP256KeyPair, type KeyPair, publicKeyOf } from './keys.ts';
import { sealSigned } from './signed.ts';
import { DAY, edKey, NOW, rngFor, rsaKey } from './testFixtures.ts';
import { validateCertificateChain } from './validate.ts';

const root = createRootCa(rngFor('ca'), {
  name: 'Handshake Root CA',
  notBefore: NOW - 365 * DAY,
  notAfter: NOW + 3650 * DAY,
  algorithm: 'Ed25519',
});
const owner = edKey('bank owner');
const impostor = edKey('impostor');
const spki = (key: KeyPair) => encodeSubjectPublicKeyInfo(publicKeyOf(key));

/** The whole ACME-like flow: request, challenge, what the domain's real controller publishes, issuance. */
function requestAndIssue(requester: KeyPair, domain: string, publishedBy: KeyPair | null, seed = 'flow') {
  const rng = rngFor(seed);
  const requestDer = buildCertificateRequest({ domain, keyPair: requester });
  const challenge = createDomainChallenge(rng, requestDer);
  const served = publishedBy ? keyAuthorization(challenge.token, spki(publishedBy)) : null;
  const challengeResult = checkDomainChallenge(challenge, requestDer, served);
  const issued = issueCertificate(rng, root, requestDer, { now: NOW, validityDays: 90, challengeResult });
  return { requestDer, challenge, challengeResult, issued };
}

describe('createRootCa', () => {
  it('makes a self-signed CA certificate that node:crypto accepts as one', () => {
    const parsed = parseCertificate(root.certificateDer);
    expect(parsed).toMatchObject({ subjectCN: 'Handshake Root CA', issuerCN: 'Handshake Root CA', isCA: true });
    expect(isSelfIssued(parsed)).toBe(true);
    expect(verifyCertificateSignature(parsed, publicKeyOf(root.keyPair))).toBe(true);
    const x509 = new X509Certificate(Buffer.from(root.certificateDer));
    expect(x509.ca).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
  });

  it('makes RSA roots too, reusing a cached key pair when given one', () => {
    const options = { name: 'Classic Root', notBefore: NOW, notAfter: NOW + DAY, algorithm: 'RSA' as const };
    const rsaRoot = createRootCa(rngFor('rsa root'), { ...options, keyPair: rsaKey('rsa root') });
    expect(parseCertificate(rsaRoot.certificateDer).signatureAlgorithm).toBe('RSA-SHA256');
    expect(() => createRootCa(rngFor('x'), { ...options, keyPair: edKey('x') })).toThrow(ArgumentError);
  });

  it('makes ECDSA P-256 roots that issue for ECDSA and Ed25519 requests alike, deterministically', () => {
    const options = {
      name: 'Curve Root',
      notBefore: NOW - DAY,
      notAfter: NOW + 365 * DAY,
      algorithm: 'ECDSA-P256' as const,
    };
    const ecRoot = createRootCa(rngFor('ec root'), options);
    expect(bytesToHex(createRootCa(rngFor('ec root'), options).certificateDer)).toBe(bytesToHex(ecRoot.certificateDer));
    const parsedRoot = parseCertificate(ecRoot.certificateDer);
    expect(parsedRoot).toMatchObject({ signatureAlgorithm: 'ECDSA-SHA256', publicKey: { algorithm: 'ECDSA-P256' } });
    expect(
      new X509Certificate(Buffer.from(ecRoot.certificateDer)).checkIssued(
        new X509Certificate(Buffer.from(ecRoot.certificateDer)),
      ),
    ).toBe(true);
    for (const requester of [generateEcdsaP256KeyPair(rngFor('ec site')), edKey('ed site')]) {
      const requestDer = buildCertificateRequest({ domain: 'shop.example', keyPair: requester });
      const issued = issueCertificate(rngFor('ec issue'), ecRoot, requestDer, {
        now: NOW,
        validityDays: 30,
        challengeResult: null,
        policy: CARELESS_POLICY,
      });
      if (!issued.ok) throw new Error(issued.refusal.reason);
      const leaf = parseCertificate(issued.certificateDer);
      expect(leaf.publicKey.algorithm).toBe(requester.algorithm);
      expect(leaf.keyUsage).toEqual(['digitalSignature']);
      const verdict = validateCertificateChain({
        chainDer: [issued.certificateDer],
        trustedRootsDer: [ecRoot.certificateDer],
        now: NOW,
        expectedName: 'shop.example',
      });
      expect(verdict.failures).toEqual([]);
      expect(
        new X509Certificate(Buffer.from(issued.certificateDer)).verify(
          new X509Certificate(Buffer.from(ecRoot.certificateDer)).publicKey,
        ),
      ).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    const again = createRootCa(rngFor('ca'), {
      name: 'Handshake Root CA',
      notBefore: NOW - 365 * DAY,
      notAfter: NOW + 3650 * DAY,
      algorithm: 'Ed25519',
    });
    expect(bytesToHex(again.certificateDer)).toBe(bytesToHex(root.certificateDer));
  });
});

describe('domain challenge (modelled on ACME http-01)', () => {
  it('gives a base64url token of 16 random bytes, the same for the same seed', () => {
    const requestDer = buildCertificateRequest({ domain: 'bank.example', keyPair: owner });
    const challenge = createDomainChallenge(rngFor('token'), requestDer);
    expect(challenge).toMatchObject({ type: 'http-01', domain: 'bank.example' });
    expect(challenge.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fromBase64(`${challenge.token.replace(/-/g, '+').replace(/_/g, '/')}==`)).toHaveLength(16);
    expect(createDomainChallenge(rngFor('token'), requestDer)).toEqual(challenge);
    expect(challengeUrl(challenge)).toBe(`http://bank.example/.well-known/acme-challenge/${challenge.token}`);
  });

  it('key authorization = token "." base64url(SHA-256(SPKI)) (RFC 8555 §8.1)', () => {
    expect(base64url(utf8ToBytes('foobar'))).toBe('Zm9vYmFy'); // RFC 4648 §10
    expect(base64url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    const token = 'AAAAAAAAAAAAAAAAAAAAAA';
    const authorization = keyAuthorization(token, spki(owner));
    expect(authorization).toBe(`${token}.${keyThumbprint(spki(owner))}`);
    expect(authorization.split('.')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => keyAuthorization('short', spki(owner))).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('passes for the real owner, who publishes the key authorization for its own key', () => {
    const { challengeResult } = requestAndIssue(owner, 'bank.example', owner);
    expect(challengeResult).toEqual({ ok: true, domain: 'bank.example', keyThumbprint: keyThumbprint(spki(owner)) });
  });

  it('fails for an impostor: the real owner publishes nothing, or its own answer', () => {
    const silent = requestAndIssue(impostor, 'bank.example', null).challengeResult;
    expect(silent).toMatchObject({ ok: false, refusal: { code: 'DOMAIN_NOT_VERIFIED' } });
    expect(!silent.ok && silent.refusal.reason).toMatch(/Nothing was published at http:\/\/bank\.example\//);
    const wrongKey = requestAndIssue(impostor, 'bank.example', owner).challengeResult;
    expect(wrongKey).toMatchObject({ ok: false, refusal: { code: 'DOMAIN_NOT_VERIFIED' } });
    expect(!wrongKey.ok && wrongKey.refusal.reason).toMatch(/whoever runs bank\.example did not ask/);
  });

  it('refuses unreadable requests and requests for another domain', () => {
    const requestDer = buildCertificateRequest({ domain: 'bank.example', keyPair: owner });
    const challenge = createDomainChallenge(rngFor('c'), requestDer);
    expect(checkDomainChallenge(challenge, utf8ToBytes('junk'), null)).toMatchObject({
      ok: false,
      refusal: { code: 'MALFORMED_REQUEST' },
    });
    const other = buildCertificateRequest({ domain: 'shop.example', keyPair: owner });
    expect(checkDomainChallenge(challenge, other, keyAuthorization(challenge.token, spki(owner)))).toMatchObject({
      ok: false,
      refusal: { code: 'DOMAIN_NOT_VERIFIED' },
    });
  });
});

describe('issueCertificate', () => {
  it('issues to the real owner a certificate that validates for its domain and key', () => {
    const { issued } = requestAndIssue(owner, 'bank.example', owner);
    if (!issued.ok) throw new Error(issued.refusal.reason);
    const parsed = parseCertificate(issued.certificateDer);
    expect(parsed).toMatchObject({
      subjectCN: 'bank.example',
      issuerCN: 'Handshake Root CA',
      dnsNames: ['bank.example'],
      isCA: false,
      notBefore: NOW,
      notAfter: NOW + 90 * DAY,
      publicKey: publicKeyOf(owner),
    });
    expect(parsed.authorityKeyId).toEqual(parseCertificate(root.certificateDer).subjectKeyId);
    const result = validateCertificateChain({
      chainDer: [issued.certificateDer],
      trustedRootsDer: [root.certificateDer],
      now: NOW + DAY,
      expectedName: 'bank.example',
      expectedPublicKey: publicKeyOf(owner),
    });
    expect(result).toMatchObject({ ok: true, failures: [] });
  });

  it('is deterministic for a seed', () => {
    const a = requestAndIssue(owner, 'bank.example', owner, 'same').issued;
    const b = requestAndIssue(owner, 'bank.example', owner, 'same').issued;
    const c = requestAndIssue(owner, 'bank.example', owner, 'different').issued;
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected issuance');
    expect(bytesToHex(a.certificateDer)).toBe(bytesToHex(b.certificateDer));
    expect(bytesToHex(a.certificateDer)).not.toBe(bytesToHex(c.certificateDer));
  });

  it('refuses an impostor whose challenge failed, or who ran none', () => {
    const { issued, requestDer } = requestAndIssue(impostor, 'bank.example', owner);
    expect(issued).toMatchObject({ ok: false, refusal: { code: 'DOMAIN_NOT_VERIFIED' } });
    const unchecked = issueCertificate(rngFor('i'), root, requestDer, {
      now: NOW,
      validityDays: 90,
      challengeResult: null,
    });
    expect(unchecked).toMatchObject({ ok: false, refusal: { code: 'DOMAIN_NOT_VERIFIED' } });
  });

  it("refuses an impostor who presents the owner's passed challenge with its own request", () => {
    const { challengeResult } = requestAndIssue(owner, 'bank.example', owner);
    const impostorRequest = buildCertificateRequest({ domain: 'bank.example', keyPair: impostor });
    const issued = issueCertificate(rngFor('i'), root, impostorRequest, {
      now: NOW,
      validityDays: 90,
      challengeResult,
    });
    expect(issued).toMatchObject({ ok: false, refusal: { code: 'DOMAIN_NOT_VERIFIED' } });
  });

  it('lets a careless CA issue to the impostor anyway: a cryptographically valid certificate', () => {
    const requestDer = buildCertificateRequest({ domain: 'bank.example', keyPair: impostor });
    const issued = issueCertificate(rngFor('careless'), root, requestDer, {
      now: NOW,
      validityDays: 90,
      challengeResult: null,
      policy: CARELESS_POLICY,
    });
    if (!issued.ok) throw new Error(issued.refusal.reason);
    const result = validateCertificateChain({
      chainDer: [issued.certificateDer],
      trustedRootsDer: [root.certificateDer],
      now: NOW,
      expectedName: 'bank.example',
      expectedPublicKey: publicKeyOf(impostor),
    });
    expect(result.ok).toBe(true);
  });

  it('refuses a request not signed by its own key (BAD_REQUEST_SIGNATURE)', () => {
    const requestDer = buildCertificateRequest({ domain: 'bank.example', keyPair: owner });
    const forged = sealSigned(parseCertificateRequest(requestDer).info, impostor);
    const issued = issueCertificate(rngFor('i'), root, forged, {
      now: NOW,
      validityDays: 90,
      challengeResult: null,
      policy: CARELESS_POLICY,
    });
    expect(issued).toMatchObject({ ok: false, refusal: { code: 'BAD_REQUEST_SIGNATURE' } });
  });

  it('refuses garbage (MALFORMED_REQUEST) and wildcards (NAME_NOT_ALLOWED)', () => {
    const options = { now: NOW, validityDays: 90, challengeResult: null, policy: CARELESS_POLICY };
    expect(issueCertificate(rngFor('i'), root, utf8ToBytes('junk'), options)).toMatchObject({
      ok: false,
      refusal: { code: 'MALFORMED_REQUEST', reason: expect.stringMatching(/could not be read/) },
    });
    const wildcard = buildCertificateRequest({ domain: '*.bank.example', keyPair: owner });
    expect(issueCertificate(rngFor('i'), root, wildcard, options)).toMatchObject({
      ok: false,
      refusal: { code: 'NAME_NOT_ALLOWED' },
    });
  });

  it('issues look-alike domains to whoever controls them; they do not match the real name', () => {
    const { issued } = requestAndIssue(impostor, 'bank-example.com', impostor);
    if (!issued.ok) throw new Error(issued.refusal.reason);
    const check = (expectedName: string) =>
      validateCertificateChain({
        chainDer: [issued.certificateDer],
        trustedRootsDer: [root.certificateDer],
        now: NOW,
        expectedName,
      });
    expect(check('bank-example.com').ok).toBe(true);
    expect(check('bank.example').failures).toEqual([
      {
        code: 'NAME_MISMATCH',
        message: 'The certificate is for bank-example.com, but you connected to bank.example.',
        depth: 0,
      },
    ]);
  });

  it('issues with a chosen validity, such as one that has already ended', () => {
    const requestDer = buildCertificateRequest({ domain: 'old.example', keyPair: owner });
    const issued = issueCertificate(rngFor('old'), root, requestDer, {
      now: NOW,
      notBefore: NOW - 400 * DAY,
      validityDays: 90,
      challengeResult: null,
      policy: CARELESS_POLICY,
    });
    if (!issued.ok) throw new Error(issued.refusal.reason);
    expect(parseCertificate(issued.certificateDer).notAfter).toBe(NOW - 310 * DAY);
    const result = validateCertificateChain({
      chainDer: [issued.certificateDer],
      trustedRootsDer: [root.certificateDer],
      now: NOW,
      expectedName: 'old.example',
    });
    expect(result.failures.map((f) => f.code)).toEqual(['EXPIRED']);
  });

  it('issues through an intermediate CA: a three-certificate chain', () => {
    const intermediate = createIntermediateCa(rngFor('int'), root, {
      name: 'Handshake Issuing CA 1',
      notBefore: NOW - DAY,
      notAfter: NOW + 365 * DAY,
      algorithm: 'RSA',
      keyPair: rsaKey('intermediate'),
    });
    const requestDer = buildCertificateRequest({ domain: 'shop.example', keyPair: rsaKey('shop') });
    const issued = issueCertificate(rngFor('via int'), intermediate, requestDer, {
      now: NOW,
      validityDays: 30,
      challengeResult: null,
      policy: CARELESS_POLICY,
    });
    if (!issued.ok) throw new Error(issued.refusal.reason);
    const result = validateCertificateChain({
      chainDer: [issued.certificateDer, intermediate.certificateDer],
      trustedRootsDer: [root.certificateDer],
      now: NOW,
      expectedName: 'shop.example',
    });
    expect(result.ok).toBe(true);
    expect(result.path.map((c) => c.subjectCN)).toEqual([
      'shop.example',
      'Handshake Issuing CA 1',
      'Handshake Root CA',
    ]);
    expect(parseCertificate(issued.certificateDer).keyUsage).toEqual(['keyEncipherment']);
  });

  it('checks its arguments', () => {
    const requestDer = buildCertificateRequest({ domain: 'a.example', keyPair: owner });
    expect(() =>
      issueCertificate(rngFor('i'), root, requestDer, { now: NOW, validityDays: 0, challengeResult: null }),
    ).toThrow(ArgumentError);
    const mismatched = { ...root, keyPair: impostor };
    expect(() =>
      issueCertificate(rngFor('i'), mismatched, requestDer, { now: NOW, validityDays: 1, challengeResult: null }),
    ).toThrow(ArgumentError);
  });
});
