import { X509Certificate } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, fromBase64, hexToBytes } from '../bytes/bytes.ts';
import { parseCertificate, verifyCertificateSignature } from './certificate.ts';
import {
  decodeSubjectPublicKeyInfo,
  type Ed25519KeyPair,
  encodeSubjectPublicKeyInfo,
  equalPublicKeys,
  publicKeyOf,
} from './keys.ts';
import { signMessage } from './signature.ts';
import { openSigned } from './signed.ts';
import { nodePublicKey, withByteFlipped } from './testFixtures.ts';

// RFC 8410 §10. The same bytes appear in the test suites of Bouncy Castle, libtomcrypt and the
// EU DSS library; the certificate signature verifying under the §10.1 key confirms the copy.
/** §10.1: Ed25519 public key. */
const RFC8410_PUBLIC_KEY = fromBase64('MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=');
/** §10.3: the matching private key's 32-byte seed, from MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC. */
const RFC8410_PRIVATE_SEED = 'd4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842';
/** §10.2: an X25519 certificate signed with the §10.1 Ed25519 key. */
const RFC8410_CERTIFICATE = fromBase64(
  [
    'MIIBLDCB36ADAgECAghWAUdKKo3DMDAFBgMrZXAwGTEXMBUGA1UEAwwOSUVURiBUZX',
    'N0IERlbW8wHhcNMTYwODAxMTIxOTI0WhcNNDAxMjMxMjM1OTU5WjAZMRcwFQYDVQQD',
    'DA5JRVRGIFRlc3QgRGVtbzAqMAUGAytlbgMhAIUg8AmJMKdUdIt93LQ+91oNvzoNJj',
    'ga9OukqY6qm05qo0UwQzAPBgNVHRMBAf8EBTADAQEAMA4GA1UdDwEBAAQEAwIDCDAg',
    'BgNVHQ4BAQAEFgQUmx9e7e0EM4Xk97xiPFl1uQvIuzswBQYDK2VwA0EAryMB/t3J5v',
    '/BzKc9dNZIpDmAgs3babFOTQbs+BolzlDUwsPrdGxO3YNGhW7Ibz3OGhhlxXrCe1Cg',
    'w1AH9efZBw==',
  ].join(''),
);

describe('RFC 8410 §10 example certificate', () => {
  const key = decodeSubjectPublicKeyInfo(RFC8410_PUBLIC_KEY);
  const signed = openSigned(RFC8410_CERTIFICATE, 'certificate');

  it('reads the §10.1 key and writes it back byte for byte', () => {
    expect(key.algorithm).toBe('Ed25519');
    expect(bytesToHex(encodeSubjectPublicKeyInfo(key))).toBe(bytesToHex(RFC8410_PUBLIC_KEY));
  });

  it('opens the signed envelope: Ed25519 with parameters absent, a 64-byte signature', () => {
    expect(signed.signatureAlgorithm).toBe('Ed25519');
    expect(bytesToHex(signed.signatureAlgorithmDer)).toBe('300506032b6570');
    expect(signed.signature).toHaveLength(64);
    expect(signed.tbs).toHaveLength(226);
  });

  it('verifies its signature with the §10.1 key, and not after one changed byte', () => {
    expect(verifyCertificateSignature(signed, key)).toBe(true);
    const tampered = openSigned(withByteFlipped(RFC8410_CERTIFICATE, 60), 'certificate');
    expect(verifyCertificateSignature(tampered, key)).toBe(false);
  });

  it('is reproduced exactly by signing its TBS with the §10.3 private key', () => {
    const seed = hexToBytes(RFC8410_PRIVATE_SEED);
    const keyPair: Ed25519KeyPair = { algorithm: 'Ed25519', privateKey: seed, publicKey: ed25519.getPublicKey(seed) };
    expect(equalPublicKeys(publicKeyOf(keyPair), key)).toBe(true);
    expect(bytesToHex(signMessage(keyPair, signed.tbs))).toBe(bytesToHex(signed.signature));
  });

  it('agrees with node:crypto, which verifies it with the same key', () => {
    const x509 = new X509Certificate(Buffer.from(RFC8410_CERTIFICATE));
    expect(x509.subject).toBe('CN=IETF Test Demo');
    expect(x509.serialNumber).toBe('5601474A2A8DC330');
    expect(x509.verify(nodePublicKey(key))).toBe(true);
  });

  it('is refused by the strict parser: its extensions are not DER (errata 6936, 7070) and its key is X25519', () => {
    expect(() => parseCertificate(RFC8410_CERTIFICATE)).toThrow(
      expect.objectContaining({ name: 'CertificateError', code: 'MALFORMED', message: expect.stringMatching(/DER/) }),
    );
  });
});
