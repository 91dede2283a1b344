import { describe, expect, it } from 'vitest';
import { ArgumentError, bytesToHex, concatBytes } from '../bytes/bytes.ts';
import {
  deriveSecret,
  finishedVerifyData,
  hkdfExpandLabel,
  hkdfExtract,
  tls13KeySchedule,
  trafficKeys,
} from './keySchedule.ts';
import { RFC8448 as V } from './rfc8448.vectors.ts';

const hex = bytesToHex;
const hello = concatBytes(V.clientHello, V.serverHello);
const toCertificateVerify = concatBytes(hello, V.encryptedExtensions, V.certificate, V.certificateVerify);
const toServerFinished = concatBytes(toCertificateVerify, V.serverFinished);

describe('RFC 8448 §3 key schedule', () => {
  it('early secret and the first "derived" secret', () => {
    const early = hkdfExtract(new Uint8Array(32), new Uint8Array(32));
    expect(hex(early)).toBe(hex(V.earlySecret));
    expect(hex(deriveSecret(early, 'derived', new Uint8Array(0)))).toBe(hex(V.derivedForHandshake));
    expect(hex(hkdfExtract(V.derivedForHandshake, V.sharedSecret))).toBe(hex(V.handshakeSecret));
    expect(hex(deriveSecret(V.handshakeSecret, 'derived', new Uint8Array(0)))).toBe(hex(V.derivedForMaster));
  });

  it('reproduces every secret, key and IV from the shared secret and the messages', () => {
    const ks = tls13KeySchedule(V.sharedSecret, hello, toServerFinished);
    expect(hex(ks.earlySecret)).toBe(hex(V.earlySecret));
    expect(hex(ks.handshakeSecret)).toBe(hex(V.handshakeSecret));
    expect(hex(ks.clientHandshakeTrafficSecret)).toBe(hex(V.clientHandshakeTrafficSecret));
    expect(hex(ks.serverHandshakeTrafficSecret)).toBe(hex(V.serverHandshakeTrafficSecret));
    expect(hex(ks.masterSecret)).toBe(hex(V.masterSecret));
    expect(hex(ks.clientApplicationTrafficSecret)).toBe(hex(V.clientApplicationTrafficSecret));
    expect(hex(ks.serverApplicationTrafficSecret)).toBe(hex(V.serverApplicationTrafficSecret));
    expect(hex(ks.clientHandshake.key)).toBe(hex(V.clientHandshakeKey));
    expect(hex(ks.clientHandshake.iv)).toBe(hex(V.clientHandshakeIv));
    expect(hex(ks.serverHandshake.key)).toBe(hex(V.serverHandshakeKey));
    expect(hex(ks.serverHandshake.iv)).toBe(hex(V.serverHandshakeIv));
    expect(hex(ks.clientApplication.key)).toBe(hex(V.clientApplicationKey));
    expect(hex(ks.clientApplication.iv)).toBe(hex(V.clientApplicationIv));
    expect(hex(ks.serverApplication.key)).toBe(hex(V.serverApplicationKey));
    expect(hex(ks.serverApplication.iv)).toBe(hex(V.serverApplicationIv));
  });

  it('server and client Finished verify_data (§4.4.4)', () => {
    expect(hex(finishedVerifyData(V.serverHandshakeTrafficSecret, toCertificateVerify))).toBe(
      hex(V.serverFinished.subarray(4)),
    );
    expect(hex(finishedVerifyData(V.clientHandshakeTrafficSecret, toServerFinished))).toBe(
      hex(V.clientFinished.subarray(4)),
    );
  });

  it('trafficKeys with ChaCha20-Poly1305 key length', () => {
    const keys = trafficKeys(V.serverHandshakeTrafficSecret, 32);
    expect(keys.key.length).toBe(32);
    expect(hex(keys.iv)).toBe(hex(V.serverHandshakeIv)); // the IV does not depend on the key length
    const ks = tls13KeySchedule(V.sharedSecret, hello, toServerFinished, 32);
    expect(ks.clientApplication.key.length).toBe(32);
    expect(hex(ks.masterSecret)).toBe(hex(V.masterSecret));
  });
});

describe('boundary checks', () => {
  it('rejects bad arguments by name', () => {
    expect(() => hkdfExpandLabel(V.masterSecret, 'x'.repeat(250), new Uint8Array(0), 32)).toThrow(ArgumentError);
    expect(() => hkdfExpandLabel(V.masterSecret, 'key', new Uint8Array(256), 32)).toThrow(ArgumentError);
    expect(() => hkdfExpandLabel(V.masterSecret, 'key', new Uint8Array(0), 0)).toThrow(/length/);
    expect(() => trafficKeys(V.masterSecret, 24)).toThrow(/keyLength/);
    expect(() => hkdfExtract('salt' as unknown as Uint8Array, V.masterSecret)).toThrow(/salt/);
  });
});
