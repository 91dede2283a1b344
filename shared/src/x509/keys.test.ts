import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, hexToBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { CertificateError } from './errors.ts';
import {
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
  equalPublicKeys,
  generateEcdsaP256KeyPair,
  generateEd25519KeyPair,
  generateRsaKeyPair,
  publicKeyOf,
} from './keys.ts';
import { signMessage, verifySignature } from './signature.ts';
import { edKey, nodePublicKey, rngFor, rsaKey } from './testFixtures.ts';

const message = utf8ToBytes('ClientHello, ServerHello, Certificate');

function spkiFromNode(type: 'ed25519' | 'x25519' | 'rsa'): Uint8Array {
  const { publicKey } =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 1024 }) : generateKeyPairSync(type as 'ed25519');
  return new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
}

function expectMalformed(run: () => unknown, pattern?: RegExp) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).code).toBe('MALFORMED');
    if (pattern) expect((error as Error).message).toMatch(pattern);
    return;
  }
  expect.unreachable('expected CertificateError(MALFORMED)');
}

describe('Ed25519 key pairs', () => {
  it('are a pure function of the seed', () => {
    const a = generateEd25519KeyPair(rngFor('same'));
    const b = generateEd25519KeyPair(rngFor('same'));
    expect(bytesToHex(a.privateKey)).toBe(bytesToHex(b.privateKey));
    expect(bytesToHex(a.publicKey)).toBe(bytesToHex(b.publicKey));
    expect(bytesToHex(generateEd25519KeyPair(rngFor('other')).publicKey)).not.toBe(bytesToHex(a.publicKey));
    expect(a.publicKey).toHaveLength(32);
  });

  it('give the SPKI node:crypto derives from the same seed (RFC 8410 §7 PKCS#8)', () => {
    const key = edKey('node');
    const pkcs8 = hexToBytes(`302e020100300506032b657004220420${bytesToHex(key.privateKey)}`);
    const fromNode = createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }));
    expect(bytesToHex(encodeSubjectPublicKeyInfo(publicKeyOf(key)))).toBe(
      bytesToHex(fromNode.export({ format: 'der', type: 'spki' })),
    );
  });

  it('sign messages node:crypto verifies', () => {
    const key = edKey('sign');
    const signature = signMessage(key, message);
    expect(nodeVerify(null, message, nodePublicKey(publicKeyOf(key)), signature)).toBe(true);
    expect(verifySignature(publicKeyOf(key), 'Ed25519', message, signature)).toBe(true);
  });
});

describe('RSA key pairs', () => {
  it('are a pure function of the seed, with a modulus of exactly the asked size', () => {
    const a = generateRsaKeyPair(rngFor('rsa same'), 1024);
    const b = generateRsaKeyPair(rngFor('rsa same'), 1024);
    expect(a.publicKey.n).toBe(b.publicKey.n);
    expect(a.privateKey.d).toBe(b.privateKey.d);
    expect(a.publicKey.n.toString(2)).toHaveLength(1024);
    expect(a.publicKey.e).toBe(65537n);
  });

  it('at 2048 bits sign SHA-256 PKCS#1 v1.5 signatures node:crypto verifies', () => {
    const key = rsaKey('big', 2048);
    expect(key.publicKey.n.toString(2)).toHaveLength(2048);
    const signature = signMessage(key, message);
    expect(signature).toHaveLength(256);
    expect(nodeVerify('sha256', message, nodePublicKey(publicKeyOf(key)), signature)).toBe(true);
  });

  it('at 1024 bits verify what node:crypto signs', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const key = decodeSubjectPublicKeyInfo(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
    const signature = new Uint8Array(nodeSign('sha256', message, privateKey));
    expect(verifySignature(key, 'RSA-SHA256', message, signature)).toBe(true);
    expect(verifySignature(key, 'RSA-SHA256', utf8ToBytes('something else'), signature)).toBe(false);
  });

  it('refuse sizes outside 1024..4096 or not a multiple of 16', () => {
    expect(() => generateRsaKeyPair(rngFor('x'), 512)).toThrow(ArgumentError);
    expect(() => generateRsaKeyPair(rngFor('x'), 1032)).toThrow(ArgumentError);
  });
});

describe('SubjectPublicKeyInfo', () => {
  it('round-trips Ed25519 keys with parameters absent (RFC 8410 §3)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const spki = encodeSubjectPublicKeyInfo({ algorithm: 'Ed25519', key });
        expect(bytesToHex(spki)).toBe(`302a300506032b6570032100${bytesToHex(key)}`);
        expect(decodeSubjectPublicKeyInfo(spki)).toEqual({ algorithm: 'Ed25519', key });
      }),
    );
  });

  it('round-trips RSA keys as rsaEncryption with NULL and an RSAPublicKey (RFC 8017 A.1.1)', () => {
    const pair = rsaKey('spki');
    const key = publicKeyOf(pair);
    const spki = encodeSubjectPublicKeyInfo(key);
    expect(bytesToHex(spki)).toMatch(/^30819f300d06092a864886f70d0101010500/);
    expect(equalPublicKeys(decodeSubjectPublicKeyInfo(spki), key)).toBe(true);
    const jwk = nodePublicKey(key).export({ format: 'jwk' });
    expect(BigInt(`0x${Buffer.from(jwk.n!, 'base64url').toString('hex')}`)).toBe(pair.publicKey.n);
    expect(jwk.e).toBe('AQAB');
  });

  it('reads keys node:crypto writes', () => {
    const ed = decodeSubjectPublicKeyInfo(spkiFromNode('ed25519'));
    expect(ed.algorithm).toBe('Ed25519');
    const rsa = decodeSubjectPublicKeyInfo(spkiFromNode('rsa'));
    expect(rsa.algorithm === 'RSA' && rsa.key.n.toString(2).length).toBe(1024);
  });

  it('round-trips P-256 keys as id-ecPublicKey on prime256v1 with an uncompressed point (RFC 5480)', () => {
    const node = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' });
    const key = decodeSubjectPublicKeyInfo(new Uint8Array(node));
    expect(key.algorithm).toBe('ECDSA-P256');
    expect(bytesToHex(encodeSubjectPublicKeyInfo(key))).toBe(bytesToHex(new Uint8Array(node)));
    const ours = publicKeyOf(generateEcdsaP256KeyPair(rngFor('p256 spki')));
    expect(decodeSubjectPublicKeyInfo(encodeSubjectPublicKeyInfo(ours))).toEqual(ours);
    const offCurve = encodeSubjectPublicKeyInfo(ours);
    offCurve[offCurve.length - 1]! ^= 1;
    expectMalformed(() => decodeSubjectPublicKeyInfo(offCurve), /point on the curve/);
  });

  it('refuses X25519, Ed25519 with parameters, other algorithms and trailing bytes', () => {
    expectMalformed(() => decodeSubjectPublicKeyInfo(spkiFromNode('x25519')), /X25519/);
    const edWithNull = hexToBytes(`302c300706032b65700500032100${'11'.repeat(32)}`);
    expectMalformed(() => decodeSubjectPublicKeyInfo(edWithNull), /parameters/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'der', type: 'spki' });
    expectMalformed(() => decodeSubjectPublicKeyInfo(new Uint8Array(p384)), /P-256/);
    const dsa = generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).publicKey.export({
      format: 'der',
      type: 'spki',
    });
    expectMalformed(() => decodeSubjectPublicKeyInfo(new Uint8Array(dsa)), /does not know/);
    const spki = encodeSubjectPublicKeyInfo(publicKeyOf(edKey('t')));
    expectMalformed(() => decodeSubjectPublicKeyInfo(Uint8Array.of(...spki, 0)), /DER/);
  });

  it('throws only CertificateError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodeSubjectPublicKeyInfo(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateError);
        }
      }),
    );
  });

  it('checks its inputs at the boundary', () => {
    expect(() => encodeSubjectPublicKeyInfo({ algorithm: 'Ed25519', key: new Uint8Array(31) })).toThrow(ArgumentError);
    expect(() => decodeSubjectPublicKeyInfo('30' as unknown as Uint8Array)).toThrow(ArgumentError);
  });
});

describe('verifySignature', () => {
  it('is false for another key, the other algorithm and a mangled signature', () => {
    const key = edKey('v');
    const signature = signMessage(key, message);
    expect(verifySignature(publicKeyOf(edKey('w')), 'Ed25519', message, signature)).toBe(false);
    expect(verifySignature(publicKeyOf(key), 'RSA-SHA256', message, signature)).toBe(false);
    expect(verifySignature(publicKeyOf(key), 'Ed25519', message, signature.slice(1))).toBe(false);
    const rsa = rsaKey('v');
    expect(verifySignature(publicKeyOf(rsa), 'RSA-SHA256', message, signMessage(rsa, message).slice(1))).toBe(false);
  });
});
