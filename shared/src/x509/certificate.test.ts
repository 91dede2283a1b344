import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, utf8ToBytes } from '../bytes/bytes.ts';
import {
  buildCertificate,
  type CertificateFields,
  parseCertificate,
  randomSerial,
  verifyCertificateSignature,
} from './certificate.ts';
import { CertificateError } from './errors.ts';
import { describeCertificate } from './inspect.ts';
import { generateEcdsaP256KeyPair, type KeyPair, publicKeyOf } from './keys.ts';
import { sealSigned } from './signed.ts';
import {
  DAY,
  edKey,
  indexOfBytes,
  itWithOpenssl,
  NOW,
  nodePublicKey,
  openssl,
  rngFor,
  rsaKey,
  toPem,
  withByteFlipped,
} from './testFixtures.ts';

function keyFor(algorithm: 'Ed25519' | 'RSA' | 'ECDSA-P256', label: string): KeyPair {
  if (algorithm === 'Ed25519') return edKey(label);
  return algorithm === 'RSA' ? rsaKey(label) : generateEcdsaP256KeyPair(rngFor(`p256 ${label}`));
}

const SIGNATURE_NAMES = { Ed25519: 'Ed25519', RSA: 'RSA-SHA256', 'ECDSA-P256': 'ECDSA-SHA256' } as const;
const OPENSSL_SIGNATURE_NAMES = {
  Ed25519: 'Signature Algorithm: ED25519',
  RSA: 'sha256WithRSAEncryption',
  'ECDSA-P256': 'ecdsa-with-SHA256',
} as const;

function pki(algorithm: 'Ed25519' | 'RSA' | 'ECDSA-P256') {
  const rootKey: KeyPair = keyFor(algorithm, 'root');
  const serverKey: KeyPair = keyFor(algorithm, 'server');
  const rootFields: CertificateFields = {
    serial: 1n,
    issuerCN: 'Handshake Root CA',
    subjectCN: 'Handshake Root CA',
    notBefore: NOW - 30 * DAY,
    notAfter: NOW + 3650 * DAY,
    dnsNames: [],
    isCA: true,
    subjectPublicKey: publicKeyOf(rootKey),
    issuerKey: rootKey,
  };
  const leafFields: CertificateFields = {
    serial: 0x00ff_1234_5678_9abc_def0n,
    issuerCN: 'Handshake Root CA',
    subjectCN: 'shop.example',
    notBefore: NOW - DAY,
    notAfter: NOW + 90 * DAY,
    dnsNames: ['shop.example', 'www.shop.example'],
    isCA: false,
    subjectPublicKey: publicKeyOf(serverKey),
    issuerKey: rootKey,
  };
  return {
    rootKey,
    serverKey,
    rootFields,
    leafFields,
    root: buildCertificate(rootFields),
    leaf: buildCertificate(leafFields),
  };
}

const seconds = (date: string) => Date.parse(date) / 1000;

describe.each(['Ed25519', 'RSA', 'ECDSA-P256'] as const)('%s certificates', (algorithm) => {
  const { rootKey, serverKey, leafFields, root, leaf } = pki(algorithm);

  it('parse back to the fields they were built from', () => {
    const parsed = parseCertificate(leaf);
    expect(parsed).toMatchObject({
      serial: leafFields.serial,
      subjectCN: 'shop.example',
      issuerCN: 'Handshake Root CA',
      notBefore: leafFields.notBefore,
      notAfter: leafFields.notAfter,
      dnsNames: ['shop.example', 'www.shop.example'],
      isCA: false,
      publicKey: publicKeyOf(serverKey),
      signatureAlgorithm: SIGNATURE_NAMES[algorithm],
      keyUsage: [algorithm === 'RSA' ? 'keyEncipherment' : 'digitalSignature'],
      extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'],
    });
    expect(verifyCertificateSignature(parsed, publicKeyOf(rootKey))).toBe(true);
    expect(verifyCertificateSignature(parsed, publicKeyOf(serverKey))).toBe(false);
    const parsedRoot = parseCertificate(root);
    expect(parsedRoot).toMatchObject({ isCA: true, keyUsage: ['keyCertSign', 'cRLSign'], dnsNames: [] });
    expect(bytesToHex(parsed.authorityKeyId!)).toBe(bytesToHex(parsedRoot.subjectKeyId!));
  });

  it('are read the same way by node:crypto, which verifies them with the issuer key', () => {
    const x509 = new X509Certificate(Buffer.from(leaf));
    const rootX509 = new X509Certificate(Buffer.from(root));
    expect(x509.subject).toBe('CN=shop.example');
    expect(x509.issuer).toBe('CN=Handshake Root CA');
    expect(BigInt(`0x${x509.serialNumber}`)).toBe(leafFields.serial);
    expect(seconds(x509.validFrom)).toBe(leafFields.notBefore);
    expect(seconds(x509.validTo)).toBe(leafFields.notAfter);
    expect(x509.subjectAltName).toBe('DNS:shop.example, DNS:www.shop.example');
    expect(x509.ca).toBe(false);
    expect(rootX509.ca).toBe(true);
    expect(x509.checkHost('www.shop.example')).toBe('www.shop.example');
    expect(x509.checkIssued(rootX509)).toBe(true);
    expect(x509.verify(nodePublicKey(publicKeyOf(rootKey)))).toBe(true);
    expect(x509.verify(nodePublicKey(publicKeyOf(serverKey)))).toBe(false);
    expect(rootX509.verify(rootX509.publicKey)).toBe(true);
    expect(bytesToHex(x509.publicKey.export({ format: 'der', type: 'spki' }))).toBe(
      bytesToHex(parseCertificate(leaf).subjectPublicKeyInfo),
    );
  });

  itWithOpenssl('are printed and verified by openssl', () => {
    const files = { 'root.pem': toPem(root, 'CERTIFICATE'), 'leaf.pem': toPem(leaf, 'CERTIFICATE') };
    const text = openssl(['x509', '-noout', '-text', '-in', 'leaf.pem'], files).output;
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain('DNS:shop.example, DNS:www.shop.example');
    expect(text).toContain(OPENSSL_SIGNATURE_NAMES[algorithm]);
    expect(text).toContain(algorithm === 'RSA' ? 'Key Encipherment' : 'Digital Signature');
    if (algorithm === 'ECDSA-P256') expect(text).toContain('NIST CURVE: P-256');
    expect(text).toContain('CA:FALSE');
    const rootText = openssl(['x509', '-noout', '-text', '-in', 'root.pem'], files).output;
    expect(rootText).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(rootText).toContain('Certificate Sign, CRL Sign');
    const verify = ['verify', '-CAfile', 'root.pem', '-attime', String(NOW), '-verify_hostname', 'www.shop.example'];
    expect(openssl([...verify, 'leaf.pem'], files)).toMatchObject({ status: 0, output: expect.stringContaining('OK') });
    const forged = { ...files, 'forged.pem': toPem(withByteFlipped(leaf, leaf.length - 5), 'CERTIFICATE') };
    expect(openssl([...verify, 'forged.pem'], forged).status).not.toBe(0);
  });
});

describe('buildCertificate', () => {
  const { leafFields, rootFields } = pki('Ed25519');

  it('writes UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    const end2049 = seconds('2049-12-31T23:59:59Z');
    const start2050 = seconds('2050-01-01T00:00:00Z');
    const der = buildCertificate({ ...leafFields, notBefore: end2049, notAfter: start2050 });
    expect(indexOfBytes(der, utf8ToBytes('\x17\x0d491231235959Z'))).toBeGreaterThan(0);
    expect(indexOfBytes(der, utf8ToBytes('\x18\x0f20500101000000Z'))).toBeGreaterThan(0);
    expect(parseCertificate(der)).toMatchObject({ notBefore: end2049, notAfter: start2050 });
  });

  it('round-trips any serial, validity and set of names', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const name = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: (1n << 159n) - 1n }),
        fc.integer({ min: 0, max: 253402300799 }),
        fc.integer({ min: 0, max: 253402300799 }),
        fc.array(name, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (serial, t1, t2, dnsNames, isCA) => {
          const [notBefore, notAfter] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const der = buildCertificate({ ...leafFields, serial, notBefore, notAfter, dnsNames, isCA });
          expect(parseCertificate(der)).toMatchObject({ serial, notBefore, notAfter, dnsNames, isCA });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is deterministic: the same fields give the same bytes', () => {
    expect(bytesToHex(buildCertificate(leafFields))).toBe(bytesToHex(buildCertificate(leafFields)));
  });

  it('refuses names a certificate cannot carry and nonsense arguments', () => {
    for (const bad of ['bad name.example', 'under_score.example', '-dash.example', '*.example', 'a..b'])
      expect(() => buildCertificate({ ...leafFields, dnsNames: [bad] })).toThrow(
        expect.objectContaining({ code: 'INVALID_NAME' }),
      );
    expect(() => buildCertificate({ ...leafFields, subjectCN: 'x'.repeat(65) })).toThrow(
      expect.objectContaining({ code: 'INVALID_NAME' }),
    );
    expect(() => buildCertificate({ ...leafFields, serial: 0n })).toThrow(ArgumentError);
    expect(() => buildCertificate({ ...leafFields, serial: 1n << 160n })).toThrow(ArgumentError);
    expect(() => buildCertificate({ ...leafFields, notAfter: leafFields.notBefore - 1 })).toThrow(ArgumentError);
    expect(() => buildCertificate({ ...leafFields, notBefore: 1.5 })).toThrow(ArgumentError);
    expect(() => buildCertificate({ ...rootFields, issuerKey: { algorithm: 'Ed25519' } as KeyPair })).toThrow(
      ArgumentError,
    );
  });

  it('draws positive, at most 16-byte serials from the rng, the same for the same seed', () => {
    const a = randomSerial(rngFor('serial'));
    expect(a).toBe(randomSerial(rngFor('serial')));
    for (let i = 0, rng = rngFor('serials'); i < 50; i++) {
      const serial = randomSerial(rng);
      expect(serial > 0n && serial < 1n << 127n).toBe(true);
    }
  });
});

describe('parseCertificate', () => {
  const { leaf, rootKey } = pki('Ed25519');
  const malformed = expect.objectContaining({ name: 'CertificateError', code: 'MALFORMED' });

  it('refuses garbage, truncation, trailing bytes and non-DER with a sentence', () => {
    expect(() => parseCertificate(utf8ToBytes('hello'))).toThrow(malformed);
    expect(() => parseCertificate(leaf.slice(0, -1))).toThrow(malformed);
    expect(() => parseCertificate(Uint8Array.of(...leaf, 0))).toThrow(malformed);
    try {
      parseCertificate(utf8ToBytes('hello'));
    } catch (error) {
      expect((error as Error).message).toMatch(/^This certificate could not be read/);
    }
  });

  it('refuses a certificate whose inner and outer signature algorithms differ (RFC 5280 §4.1.1.2)', () => {
    const resealed = sealSigned(parseCertificate(leaf).tbs, rsaKey('other'));
    expect(() => parseCertificate(resealed)).toThrow(malformed);
    expect(() => parseCertificate(sealSigned(parseCertificate(leaf).tbs, rootKey))).not.toThrow();
  });

  it('throws nothing but CertificateError on arbitrary or mutated bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => parseCertificate(bytes)).toThrow(CertificateError);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: leaf.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const mutated = leaf.slice();
        mutated[index]! ^= mask;
        try {
          parseCertificate(mutated);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateError);
        }
      }),
      { numRuns: 300 },
    );
  });

  itWithOpenssl('reads certificates openssl makes', () => {
    for (const newkey of ['ed25519', 'rsa:2048']) {
      const args = ['req', '-x509', '-newkey', newkey, '-nodes', '-keyout', 'key.pem', '-subj', '/CN=interop.example'];
      const { dir, status } = openssl([
        ...args,
        '-addext',
        'subjectAltName=DNS:interop.example',
        '-days',
        '30',
        '-outform',
        'DER',
        '-out',
        'cert.der',
      ]);
      expect(status).toBe(0);
      const parsed = parseCertificate(new Uint8Array(readFileSync(join(dir, 'cert.der'))));
      expect(parsed).toMatchObject({ subjectCN: 'interop.example', dnsNames: ['interop.example'] });
      expect(verifyCertificateSignature(parsed, parsed.publicKey)).toBe(true);
    }
  });
});

describe('describeCertificate', () => {
  it('labels every field, with the fingerprint and serial node:crypto shows', () => {
    const { leaf } = pki('RSA');
    const fields = describeCertificate(parseCertificate(leaf));
    const value = Object.fromEntries(fields.map((f) => [f.id, f.value]));
    const x509 = new X509Certificate(Buffer.from(leaf));
    expect(value.fingerprint).toBe(x509.fingerprint256);
    expect(value.serial!.replace(/:/g, '')).toBe(x509.serialNumber);
    expect(value).toMatchObject({
      subject: 'CN=shop.example',
      issuer: 'CN=Handshake Root CA',
      notBefore: '2025-06-14T15:06:40Z',
      notAfter: '2025-09-13T15:06:40Z',
      dnsNames: 'shop.example, www.shop.example',
      isCA: 'No: it may not sign other certificates',
      keyUsage: 'keyEncipherment',
      publicKeyAlgorithm: 'RSA (1024-bit, e = 65537)',
      signatureAlgorithm: 'SHA-256 with RSA (PKCS #1 v1.5)',
    });
    expect(fields.every((f) => f.label.length > 0 && f.value.length > 0)).toBe(true);
  });
});
