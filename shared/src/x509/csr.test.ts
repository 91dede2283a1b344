import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, utf8ToBytes } from '../bytes/bytes.ts';
import { buildCertificateRequest, parseCertificateRequest, requestedDomain, verifyRequestSignature } from './csr.ts';
import { CertificateError } from './errors.ts';
import { encodeSubjectPublicKeyInfo, type KeyPair, publicKeyOf } from './keys.ts';
import { sealSigned } from './signed.ts';
import { edKey, itWithOpenssl, openssl, rsaKey, toPem, withByteFlipped } from './testFixtures.ts';

describe.each(['Ed25519', 'RSA'] as const)('%s certificate requests', (algorithm) => {
  const keyPair: KeyPair = algorithm === 'Ed25519' ? edKey('requester') : rsaKey('requester');
  const request = buildCertificateRequest({ domain: 'Shop.Example', keyPair });

  it('carry the domain as CN and as a requested subjectAltName, and the requester key', () => {
    const parsed = parseCertificateRequest(request);
    expect(parsed).toMatchObject({
      subjectCN: 'shop.example',
      dnsNames: ['shop.example'],
      publicKey: publicKeyOf(keyPair),
      signatureAlgorithm: algorithm === 'Ed25519' ? 'Ed25519' : 'RSA-SHA256',
    });
    expect(bytesToHex(parsed.subjectPublicKeyInfo)).toBe(bytesToHex(encodeSubjectPublicKeyInfo(publicKeyOf(keyPair))));
    expect(requestedDomain(parsed)).toBe('shop.example');
  });

  it('are signed by their own key: proof of possession', () => {
    expect(verifyRequestSignature(request)).toBe(true);
    expect(verifyRequestSignature(withByteFlipped(request, request.length - 3))).toBe(false);
  });

  it('fail verification when signed by a key other than the one inside', () => {
    const impostor: KeyPair = algorithm === 'Ed25519' ? edKey('impostor') : rsaKey('impostor');
    const resigned = sealSigned(parseCertificateRequest(request).info, impostor);
    expect(parseCertificateRequest(resigned).publicKey).toEqual(publicKeyOf(keyPair));
    expect(verifyRequestSignature(resigned)).toBe(false);
  });

  it('are deterministic', () => {
    expect(bytesToHex(buildCertificateRequest({ domain: 'shop.example', keyPair }))).toBe(bytesToHex(request));
  });

  itWithOpenssl('pass openssl req -verify and show the requested name', () => {
    const files = { 'req.pem': toPem(request, 'CERTIFICATE REQUEST') };
    const { output, status } = openssl(['req', '-in', 'req.pem', '-verify', '-noout', '-text'], files);
    expect(status).toBe(0);
    expect(output).toContain('Subject: CN = shop.example');
    expect(output).toMatch(/Requested Extensions:[\s\S]*DNS:shop\.example/);
    const resigned = sealSigned(
      parseCertificateRequest(request).info,
      algorithm === 'Ed25519' ? edKey('x') : rsaKey('x'),
    );
    const bad = openssl(['req', '-in', 'req.pem', '-verify', '-noout'], {
      'req.pem': toPem(resigned, 'CERTIFICATE REQUEST'),
    });
    expect(bad.output).not.toMatch(/verify OK/i);
  });
});

describe('certificate requests', () => {
  itWithOpenssl('made by openssl are read and verified', () => {
    const { dir, status } = openssl([
      'req',
      '-new',
      '-newkey',
      'ed25519',
      '-nodes',
      '-keyout',
      'key.pem',
      '-subj',
      '/CN=interop.example',
      '-addext',
      'subjectAltName=DNS:interop.example',
      '-outform',
      'DER',
      '-out',
      'req.der',
    ]);
    expect(status).toBe(0);
    const der = new Uint8Array(readFileSync(join(dir, 'req.der')));
    expect(parseCertificateRequest(der)).toMatchObject({ subjectCN: 'interop.example', dnsNames: ['interop.example'] });
    expect(verifyRequestSignature(der)).toBe(true);
  });

  it('refuse domains a certificate cannot carry', () => {
    for (const domain of ['not a domain', '', `${'a'.repeat(64)}.example`, 'ex_ample.com'])
      expect(() => buildCertificateRequest({ domain, keyPair: edKey('r') })).toThrow(
        expect.objectContaining({ code: 'INVALID_NAME' }),
      );
    expect(() => buildCertificateRequest({ domain: 'shop.example', keyPair: {} as KeyPair })).toThrow(ArgumentError);
  });

  it('that are garbage throw CertificateError(MALFORMED), and only that', () => {
    expect(() => parseCertificateRequest(utf8ToBytes('please'))).toThrow(
      expect.objectContaining({ code: 'MALFORMED', message: expect.stringMatching(/certificate request/) }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(() => parseCertificateRequest(bytes)).toThrow(CertificateError);
      }),
    );
  });

  it('name one domain only when CN and subjectAltName agree', () => {
    expect(requestedDomain({ subjectCN: 'a.example', dnsNames: ['A.example'] })).toBe('a.example');
    expect(requestedDomain({ subjectCN: '', dnsNames: ['a.example'] })).toBe('a.example');
    expect(requestedDomain({ subjectCN: 'a.example', dnsNames: [] })).toBe('a.example');
    expect(requestedDomain({ subjectCN: 'a.example', dnsNames: ['b.example'] })).toBeNull();
    expect(requestedDomain({ subjectCN: '', dnsNames: ['a.example', 'b.example'] })).toBeNull();
    expect(requestedDomain({ subjectCN: 'Alice Smith', dnsNames: [] })).toBeNull();
  });
});
