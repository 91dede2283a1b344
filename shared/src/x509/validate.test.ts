import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, utf8ToBytes } from '../bytes/bytes.ts';
import { buildCertificate, type CertificateFields } from './certificate.ts';
import { CertificateError } from './errors.ts';
import { type KeyPair, publicKeyOf } from './keys.ts';
import { DAY, edKey, indexOfBytes, NOW, rsaKey, withByteFlipped } from './testFixtures.ts';
import { type ChainValidationParams, validateCertificateChain } from './validate.ts';

const rootKey = edKey('root');
const serverKey = edKey('server');

function certificate(fields: Partial<CertificateFields> & { issuerKey: KeyPair; subjectKey: KeyPair }): Uint8Array {
  const { subjectKey, ...rest } = fields;
  return buildCertificate({
    serial: 7n,
    issuerCN: 'Handshake Root CA',
    subjectCN: 'shop.example',
    notBefore: NOW - 10 * DAY,
    notAfter: NOW + 80 * DAY,
    dnsNames: ['shop.example'],
    isCA: false,
    subjectPublicKey: publicKeyOf(subjectKey),
    ...rest,
  });
}

const root = certificate({
  issuerKey: rootKey,
  subjectKey: rootKey,
  subjectCN: 'Handshake Root CA',
  dnsNames: [],
  isCA: true,
  notBefore: NOW - 365 * DAY,
  notAfter: NOW + 3650 * DAY,
});
const leaf = certificate({ issuerKey: rootKey, subjectKey: serverKey });

function validate(params: Partial<ChainValidationParams> = {}) {
  return validateCertificateChain({
    chainDer: [leaf],
    trustedRootsDer: [root],
    now: NOW,
    expectedName: 'shop.example',
    ...params,
  });
}
const codes = (params: Partial<ChainValidationParams> = {}) => validate(params).failures.map((f) => f.code);

describe('validateCertificateChain', () => {
  it('accepts a leaf signed by a trusted root, for its name and key', () => {
    const result = validate({ expectedPublicKey: publicKeyOf(serverKey), expectedName: 'SHOP.example.' });
    expect(result).toMatchObject({ ok: true, failures: [] });
    expect(result.leaf?.subjectCN).toBe('shop.example');
    expect(result.path.map((c) => c.subjectCN)).toEqual(['shop.example', 'Handshake Root CA']);
  });

  it('accepts the classic TLS 1.2 case: RSA leaf under an RSA root (1024-bit in tests)', () => {
    const rsaRoot = rsaKey('root');
    const rsaRootDer = certificate({
      issuerKey: rsaRoot,
      subjectKey: rsaRoot,
      subjectCN: 'Handshake Root CA',
      isCA: true,
    });
    const rsaLeaf = certificate({ issuerKey: rsaRoot, subjectKey: rsaKey('server') });
    expect(validate({ chainDer: [rsaLeaf], trustedRootsDer: [rsaRootDer] }).ok).toBe(true);
  });

  it('UNKNOWN_ISSUER: signed by an authority the client does not trust', () => {
    const strangerKey = edKey('stranger');
    const stranger = certificate({ issuerKey: strangerKey, subjectKey: serverKey, issuerCN: 'Totally Legit CA' });
    const result = validate({ chainDer: [stranger] });
    expect(result.failures).toEqual([
      {
        code: 'UNKNOWN_ISSUER',
        message:
          'The certificate for shop.example says it was signed by "Totally Legit CA", who is not in your list of trusted authorities.',
        depth: 0,
      },
    ]);
  });

  it('UNKNOWN_ISSUER: a fake root with the real root name, sent along with the chain', () => {
    const fakeKey = edKey('fake root');
    const fakeRoot = certificate({
      issuerKey: fakeKey,
      subjectKey: fakeKey,
      subjectCN: 'Handshake Root CA',
      isCA: true,
    });
    const forged = certificate({
      issuerKey: fakeKey,
      subjectKey: edKey('attacker'),
      subjectCN: 'bank.example',
      dnsNames: ['bank.example'],
    });
    const result = validate({ chainDer: [forged, fakeRoot], expectedName: 'bank.example' });
    expect(result.failures.map((f) => [f.code, f.depth])).toEqual([['UNKNOWN_ISSUER', 1]]);
    expect(result.failures[0]?.message).toMatch(/vouches for itself/);
  });

  it('UNKNOWN_ISSUER, not BAD_SIGNATURE: an impostor root with the real name but another key (key identifiers differ)', () => {
    const forged = certificate({ issuerKey: edKey('impostor'), subjectKey: edKey('attacker') });
    const result = validate({ chainDer: [forged] });
    expect(result.failures.map((f) => [f.code, f.depth])).toEqual([['UNKNOWN_ISSUER', 0]]);
    expect(result.failures[0]?.message).toMatch(/not in your list of trusted authorities/);
  });

  it('WRONG_PURPOSE: a clientAuth-only certificate, or a key usage a TLS server cannot use', () => {
    const clientOnly = certificate({
      issuerKey: rootKey,
      subjectKey: serverKey,
      extendedKeyUsage: ['1.3.6.1.5.5.7.3.2'],
    });
    expect(validate({ chainDer: [clientOnly] }).failures).toEqual([
      {
        code: 'WRONG_PURPOSE',
        message:
          'The certificate for shop.example may only identify a client (its extended key usage says clientAuth), not a website.',
        depth: 0,
      },
    ]);
    const anyPurpose = certificate({ issuerKey: rootKey, subjectKey: serverKey, extendedKeyUsage: ['2.5.29.37.0'] });
    expect(codes({ chainDer: [anyPurpose] })).toEqual([]);
    const noEku = certificate({ issuerKey: rootKey, subjectKey: serverKey, extendedKeyUsage: [] });
    expect(codes({ chainDer: [noEku] })).toEqual([]);
    const crlOnly = certificate({ issuerKey: rootKey, subjectKey: serverKey, keyUsage: ['cRLSign'] });
    expect(codes({ chainDer: [crlOnly] })).toEqual(['WRONG_PURPOSE']);
  });

  it('SELF_SIGNED: a leaf that signed itself, unless the client trusts exactly it', () => {
    const selfSigned = certificate({ issuerKey: serverKey, subjectKey: serverKey, issuerCN: 'shop.example' });
    expect(codes({ chainDer: [selfSigned] })).toEqual(['SELF_SIGNED']);
    expect(validate({ chainDer: [selfSigned] }).failures[0]?.message).toBe(
      'The certificate for shop.example is signed by itself: anybody can make one of those, and nobody you trust vouches for it.',
    );
    expect(codes({ chainDer: [selfSigned], trustedRootsDer: [root, selfSigned] })).toEqual([]);
  });

  it('BAD_SIGNATURE: one changed byte in the signature', () => {
    const tampered = withByteFlipped(leaf, leaf.length - 1);
    const result = validate({ chainDer: [tampered] });
    expect(result.failures).toEqual([
      {
        code: 'BAD_SIGNATURE',
        message:
          'The certificate for shop.example claims to be signed by "Handshake Root CA", but the signature does not match that authority\'s key: it was changed or forged.',
        depth: 0,
      },
    ]);
  });

  it('BAD_SIGNATURE and NAME_MISMATCH together: the name rewritten after signing', () => {
    const at = indexOfBytes(leaf, Uint8Array.of(0x82, 12, ...utf8ToBytes('shop.example'))); // dNSName [2] IA5String
    expect(at).toBeGreaterThan(0);
    const renamed = leaf.slice();
    renamed.set(utf8ToBytes('bank'), at + 2);
    expect(codes({ chainDer: [renamed] })).toEqual(['BAD_SIGNATURE', 'NAME_MISMATCH']);
    expect(codes({ chainDer: [renamed], expectedName: 'bank.example' })).toEqual(['BAD_SIGNATURE']);
  });

  it('NAME_MISMATCH: a certificate for another site', () => {
    expect(validate({ expectedName: 'bank.example' }).failures).toEqual([
      {
        code: 'NAME_MISMATCH',
        message: 'The certificate is for shop.example, but you connected to bank.example.',
        depth: 0,
      },
    ]);
  });

  it('EXPIRED and NOT_YET_VALID: outside the validity period, inclusive at both ends', () => {
    const notAfter = NOW + 80 * DAY;
    expect(codes({ now: notAfter })).toEqual([]);
    expect(codes({ now: notAfter + 1 })).toEqual(['EXPIRED']);
    expect(validate({ now: notAfter + 1 }).failures[0]?.message).toBe(
      'The certificate for shop.example expired on 2025-09-03 15:06 UTC; it is now 2025-09-03 15:06 UTC.',
    );
    expect(codes({ now: NOW - 10 * DAY })).toEqual([]);
    expect(codes({ now: NOW - 10 * DAY - 1 })).toEqual(['NOT_YET_VALID']);
  });

  it('EXPIRED for an authority too', () => {
    const oldRoot = certificate({
      issuerKey: rootKey,
      subjectKey: rootKey,
      subjectCN: 'Handshake Root CA',
      isCA: true,
      notAfter: NOW - DAY,
      notBefore: NOW - 100 * DAY,
    });
    const result = validate({ trustedRootsDer: [oldRoot] });
    expect(result.failures.map((f) => [f.code, f.depth])).toEqual([['EXPIRED', 1]]);
    expect(result.failures[0]?.message).toMatch(/^The certificate of the authority "Handshake Root CA" expired on/);
  });

  it('NOT_A_CA: a site certificate used to sign another site', () => {
    const forged = certificate({
      issuerKey: serverKey,
      subjectKey: edKey('attacker'),
      issuerCN: 'shop.example',
      subjectCN: 'bank.example',
      dnsNames: ['bank.example'],
    });
    const result = validate({ chainDer: [forged, leaf], expectedName: 'bank.example' });
    expect(result.failures).toEqual([
      {
        code: 'NOT_A_CA',
        message:
          '"shop.example" signed bank.example, but it is not a certificate authority, so it may not vouch for anyone.',
        depth: 1,
      },
    ]);
    expect(result.path).toHaveLength(3);
  });

  it('KEY_MISMATCH: the server proved it holds a key other than the certificate one', () => {
    const result = validate({ expectedPublicKey: publicKeyOf(edKey('someone else')) });
    expect(result.failures.map((f) => f.code)).toEqual(['KEY_MISMATCH']);
    expect(result.failures[0]?.message).toMatch(/this certificate is not theirs/);
    expect(codes({ expectedPublicKey: publicKeyOf(rsaKey('server')) })).toEqual(['KEY_MISMATCH']);
  });

  it('MALFORMED: no certificate, an unreadable leaf, an unreadable extra certificate', () => {
    expect(validate({ chainDer: [] })).toMatchObject({ ok: false, leaf: null, failures: [{ code: 'MALFORMED' }] });
    const unreadable = validate({ chainDer: [utf8ToBytes('not a certificate')] });
    expect(unreadable).toMatchObject({ ok: false, leaf: null, path: [] });
    expect(unreadable.failures[0]?.message).toMatch(/^The server's certificate could not be read\./);
    expect(validate({ chainDer: [leaf, utf8ToBytes('junk')] }).failures).toMatchObject([
      { code: 'MALFORMED', depth: 1 },
    ]);
  });

  it('reports every failure at once', () => {
    const strangerKey = edKey('stranger');
    const bad = certificate({ issuerKey: strangerKey, subjectKey: serverKey, issuerCN: 'Nobody', notAfter: NOW - DAY });
    expect(codes({ chainDer: [bad], expectedName: 'bank.example', expectedPublicKey: publicKeyOf(rootKey) })).toEqual([
      'UNKNOWN_ISSUER',
      'EXPIRED',
      'NAME_MISMATCH',
      'KEY_MISMATCH',
    ]);
  });

  it('matches names per RFC 6125: case-insensitive, one left-most wildcard label', () => {
    const wild = certificate({
      issuerKey: rootKey,
      subjectKey: serverKey,
      dnsNames: ['*.shop.example', 'shop.example'],
    });
    const ok = (expectedName: string) => validate({ chainDer: [wild], expectedName }).ok;
    expect(ok('WWW.Shop.Example')).toBe(true);
    expect(ok('shop.example')).toBe(true);
    expect(ok('a.b.shop.example')).toBe(false);
    expect(ok('shop.example.evil')).toBe(false);
  });

  it('never throws on chains of arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 3 }), (chainDer) => {
        expect(validate({ chainDer: [leaf, ...chainDer] }).failures.every((f) => f.code === 'MALFORMED')).toBe(true);
        expect(validate({ chainDer }).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('checks its arguments; a broken trust store is a programming error', () => {
    expect(() => validate({ now: -1 })).toThrow(ArgumentError);
    expect(() => validate({ chainDer: ['x' as unknown as Uint8Array] })).toThrow(ArgumentError);
    expect(() => validate({ trustedRootsDer: [utf8ToBytes('junk')] })).toThrow(CertificateError);
  });
});
