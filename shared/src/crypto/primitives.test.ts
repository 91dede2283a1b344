import { afterEach, describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, utf8ToBytes } from '../bytes/bytes.ts';
import {
  AeadTagError,
  aesGcm,
  type CryptoBackend,
  chacha20Keystream,
  chacha20Poly1305,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  NOBLE_BACKEND,
  platformCryptoName,
  sha256,
  usePlatformCrypto,
  x25519SharedSecret,
} from './primitives.ts';

afterEach(() => usePlatformCrypto(null));

const key32 = new Uint8Array(32).fill(7);
const nonce = new Uint8Array(12).fill(1);

describe('the primitives’ boundary', () => {
  it('refuses keys and nonces of the wrong length with an ArgumentError, before any backend runs', () => {
    expect(() => ed25519Sign(new Uint8Array(1), new Uint8Array(31))).toThrow(ArgumentError);
    expect(() => x25519SharedSecret(key32, new Uint8Array(31))).toThrow(ArgumentError);
    expect(() => aesGcm(new Uint8Array(15), nonce, new Uint8Array(0))).toThrow(ArgumentError);
    expect(() => chacha20Poly1305(new Uint8Array(16), nonce, new Uint8Array(0))).toThrow(ArgumentError);
    expect(() => aesGcm(new Uint8Array(16), new Uint8Array(8), new Uint8Array(0))).toThrow(ArgumentError);
    expect(() => chacha20Keystream(key32, 2 ** 32 - 1, 2)).toThrow(ArgumentError);
  });

  it('a signature or key of the wrong length does not verify (false, never a throw)', () => {
    const signature = ed25519Sign(utf8ToBytes('m'), key32);
    const publicKey = ed25519PublicKey(key32);
    expect(ed25519Verify(signature, utf8ToBytes('m'), publicKey)).toBe(true);
    expect(ed25519Verify(signature.subarray(1), utf8ToBytes('m'), publicKey)).toBe(false);
    expect(ed25519Verify(signature, utf8ToBytes('m'), publicKey.subarray(1))).toBe(false);
  });

  it('an altered or short AEAD message throws AeadTagError', () => {
    const aead = aesGcm(new Uint8Array(16), nonce, utf8ToBytes('aad'));
    const sealed = aead.encrypt(utf8ToBytes('hello'));
    expect(aead.decrypt(sealed)).toEqual(utf8ToBytes('hello'));
    sealed[0]! ^= 1;
    expect(() => aead.decrypt(sealed)).toThrow(AeadTagError);
    expect(() => aead.decrypt(new Uint8Array(15))).toThrow(AeadTagError);
  });
});

describe('the platform hook', () => {
  it('sends every call to the installed backend; null restores noble', () => {
    const calls: string[] = [];
    const spy: CryptoBackend = {
      ...NOBLE_BACKEND,
      name: 'spy',
      sha256: (data) => {
        calls.push('sha256');
        return NOBLE_BACKEND.sha256(data);
      },
    };
    usePlatformCrypto(spy);
    expect(platformCryptoName()).toBe('spy');
    const digest = sha256(utf8ToBytes('abc'));
    expect(calls).toEqual(['sha256']);
    usePlatformCrypto(null);
    expect(platformCryptoName()).toBe('noble');
    expect(bytesToHex(sha256(utf8ToBytes('abc')))).toBe(bytesToHex(digest));
    expect(calls).toEqual(['sha256']);
  });
});
