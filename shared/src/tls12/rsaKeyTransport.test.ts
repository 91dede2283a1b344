/** Tests: RSAES-PKCS1-v1_5 against Node and the library; the Bleichenbacher countermeasure. RFC 8017 §7.2, RFC 5246 §7.4.7.1 @module */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import { keygen, PKCS1_KEM } from 'micro-rsa-dsa-dh/rsa.js';
import { I2OSP, pow } from 'micro-rsa-dsa-dh/utils.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { Tls12Error } from './errors.ts';
import {
  createPreMasterSecret,
  decryptPreMasterSecret,
  encryptPreMasterSecret,
  modulusLength,
  rsaesPkcs1v15Decrypt,
  rsaesPkcs1v15Encrypt,
} from './rsaKeyTransport.ts';
import { testRsaKey } from './testFixtures.ts';

const key = testRsaKey(1024);
const rng = (label: string) => seededRng(new Uint8Array([1, 2, 3]), label);

describe('PreMasterSecret (RFC 5246 §7.4.7.1)', () => {
  it('is client_version 0x0303 followed by 46 bytes from the Rng', () => {
    const pms = createPreMasterSecret(rng('pms'));
    expect(pms.length).toBe(48);
    expect(bytesToHex(pms.subarray(0, 2))).toBe('0303');
    expect(bytesToHex(pms)).toBe(bytesToHex(createPreMasterSecret(rng('pms'))));
  });
});

describe('RSAES-PKCS1-v1_5 (RFC 8017 §7.2) with a seeded pad', () => {
  const pms = createPreMasterSecret(rng('pms'));

  it('Node publicEncrypt (RSA_PKCS1_PADDING) → our decrypt', () => {
    const ciphertext = publicEncrypt({ key: key.nodePublicKey, padding: constants.RSA_PKCS1_PADDING }, pms);
    expect(bytesToHex(rsaesPkcs1v15Decrypt(key.privateKey, ciphertext))).toBe(bytesToHex(pms));
  });

  it('our encrypt → the library decrypt', () => {
    const ciphertext = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    expect(ciphertext.length).toBe(128);
    expect(bytesToHex(PKCS1_KEM.decrypt(key.privateKey, ciphertext))).toBe(bytesToHex(pms));
  });

  it('our encrypt → Node raw RSA decrypt shows EM = 00 02 ‖ nonzero PS ‖ 00 ‖ PMS', () => {
    // Node 20 refuses privateDecrypt with RSA_PKCS1_PADDING (CVE-2023-46809, Marvin attack), so this
    // direction decrypts with RSA_NO_PADDING and checks the EME-PKCS1-v1_5 encoding by hand.
    const ciphertext = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    const em = privateDecrypt({ key: key.nodePrivateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
    expect(em.length).toBe(128);
    expect([em[0], em[1]]).toEqual([0, 2]);
    const ps = em.subarray(2, 128 - 49);
    expect(ps.length).toBe(128 - 48 - 3);
    expect(ps.every((b) => b !== 0)).toBe(true);
    expect(em[128 - 49]).toBe(0);
    expect(bytesToHex(em.subarray(128 - 48))).toBe(bytesToHex(pms));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    expect(bytesToHex(encryptPreMasterSecret(key.publicKey, pms, rng('pad')))).toBe(bytesToHex(a));
    expect(bytesToHex(encryptPreMasterSecret(key.publicKey, pms, rng('other')))).not.toBe(bytesToHex(a));
  });

  it('works with a 2048-bit key from the library keygen', () => {
    const big = keygen(2048);
    expect(modulusLength(big.publicKey.n)).toBe(256);
    const ciphertext = encryptPreMasterSecret(big.publicKey, pms, rng('pad'));
    expect(ciphertext.length).toBe(256);
    expect(bytesToHex(rsaesPkcs1v15Decrypt(big.privateKey, ciphertext))).toBe(bytesToHex(pms));
  });

  it('refuses a message longer than k − 11 and a malformed key', () => {
    expect(() => rsaesPkcs1v15Encrypt(key.publicKey, new Uint8Array(118), rng('x'))).toThrow(/too long/);
    expect(() => rsaesPkcs1v15Encrypt({ n: 5 } as never, pms, rng('x'))).toThrow(/publicKey/);
  });

  it('a wrong key fails with DECRYPT_ERROR', () => {
    const ciphertext = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    const other = testRsaKey(1024);
    expect(() => rsaesPkcs1v15Decrypt(other.privateKey, ciphertext)).toThrow(Tls12Error);
  });
});

describe("the server's Bleichenbacher countermeasure (RFC 5246 §7.4.7.1)", () => {
  const pms = createPreMasterSecret(rng('pms'));
  /** RSAEP on an arbitrary encoded message, to forge bad paddings. */
  const rawEncrypt = (em: Uint8Array) =>
    I2OSP(pow(BigInt(`0x${bytesToHex(em)}`), key.publicKey.e, key.publicKey.n), 128);

  it('a good ciphertext gives client_version ‖ M[2..47]', () => {
    const ciphertext = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    expect(bytesToHex(decryptPreMasterSecret(key.privateKey, ciphertext, 0x0303, rng('r')))).toBe(bytesToHex(pms));
  });

  it('bad padding, a wrong length, or a garbage ciphertext continue with client_version ‖ R from the Rng, without throwing', () => {
    const r = rng('r').bytes(46);
    const expected = bytesToHex(concatBytes(Uint8Array.of(3, 3), r));
    const badPadding = rawEncrypt(
      concatBytes(Uint8Array.of(0, 1), new Uint8Array(77).fill(0xff), Uint8Array.of(0), pms),
    );
    const shortMessage = rsaesPkcs1v15Encrypt(key.publicKey, pms.subarray(0, 47), rng('pad'));
    for (const ciphertext of [badPadding, shortMessage, new Uint8Array(5), new Uint8Array(128).fill(0xff)])
      expect(bytesToHex(decryptPreMasterSecret(key.privateKey, ciphertext, 0x0303, rng('r')))).toBe(expected);
  });

  it('the Rng advances the same way on success and failure', () => {
    const good = encryptPreMasterSecret(key.publicKey, pms, rng('pad'));
    const [a, b] = [rng('r'), rng('r')];
    decryptPreMasterSecret(key.privateKey, good, 0x0303, a);
    decryptPreMasterSecret(key.privateKey, new Uint8Array(128), 0x0303, b);
    expect(bytesToHex(a.bytes(16))).toBe(bytesToHex(b.bytes(16)));
  });

  it('a version rollback inside the PMS is overwritten by the ClientHello version', () => {
    const rolledBack = concatBytes(Uint8Array.of(3, 1), pms.subarray(2));
    const ciphertext = encryptPreMasterSecret(key.publicKey, rolledBack, rng('pad'));
    expect(bytesToHex(decryptPreMasterSecret(key.privateKey, ciphertext, 0x0303, rng('r')))).toBe(bytesToHex(pms));
  });
});
