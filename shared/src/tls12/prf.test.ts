/** Tests: PRF published vector and cross-checks on Node HMAC. RFC 5246 §5, §6.3, §7.4.9, §8.1 @module */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { prf, pSha256, tls12KeyBlock, tls12MasterSecret, tls12VerifyData } from './prf.ts';

/** An independent P_SHA256 (§5) on Node's HMAC, for cross-checks. */
function nodePrf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const fullSeed = Buffer.concat([Buffer.from(label, 'ascii'), seed]);
  const hmac = (data: Uint8Array) => createHmac('sha256', secret).update(data).digest();
  let out = Buffer.alloc(0);
  for (let a = hmac(fullSeed); out.length < length; a = hmac(a))
    out = Buffer.concat([out, hmac(Buffer.concat([a, fullSeed]))]);
  return new Uint8Array(out.subarray(0, length));
}

describe('TLS 1.2 PRF (RFC 5246 §5)', () => {
  it('matches the published SHA-256 PRF vector (IETF TLS list, msg03416)', () => {
    const out = prf(
      hexToBytes('9bbe436ba940f017b17652849a71db35'),
      'test label',
      hexToBytes('a0ba9f936cda311827a6f796ffd5198c'),
      100,
    );
    expect(bytesToHex(out)).toBe(
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
    );
  });

  it('agrees with an independent P_SHA256 on Node HMAC for any secret, seed and length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        fc.uint8Array({ maxLength: 80 }),
        fc.nat(200),
        (secret, seed, length) => {
          expect(bytesToHex(prf(secret, 'any label', seed, length))).toBe(
            bytesToHex(nodePrf(secret, 'any label', seed, length)),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('P_SHA256 output is a prefix-stable stream', () => {
    const long = pSha256(new Uint8Array(3), new Uint8Array(5), 97);
    expect(bytesToHex(pSha256(new Uint8Array(3), new Uint8Array(5), 33))).toBe(bytesToHex(long.subarray(0, 33)));
  });

  it('rejects a non-ASCII label and a bad length', () => {
    expect(() => prf(new Uint8Array(1), 'clé', new Uint8Array(1), 1)).toThrow(/label/);
    expect(() => pSha256(new Uint8Array(1), new Uint8Array(1), -1)).toThrow(/length/);
  });
});

describe('master secret, key block, verify_data (§8.1, §6.3, §7.4.9)', () => {
  const pms = hexToBytes(`0303${'ab'.repeat(46)}`);
  const clientRandom = hexToBytes('11'.repeat(32));
  const serverRandom = hexToBytes('22'.repeat(32));

  it('tls12MasterSecret = PRF(pms, "master secret", client_random + server_random)[0..47], checked on Node HMAC', () => {
    const ms = tls12MasterSecret(pms, clientRandom, serverRandom);
    expect(ms.length).toBe(48);
    expect(bytesToHex(ms)).toBe(
      bytesToHex(nodePrf(pms, 'master secret', Buffer.concat([clientRandom, serverRandom]), 48)),
    );
  });

  it('the key block seeds with server_random + client_random and splits 16/16/4/4 (RFC 5288 §3)', () => {
    const ms = tls12MasterSecret(pms, clientRandom, serverRandom);
    const block = nodePrf(ms, 'key expansion', Buffer.concat([serverRandom, clientRandom]), 40);
    const keys = tls12KeyBlock(ms, clientRandom, serverRandom);
    expect(bytesToHex(keys.clientWriteKey)).toBe(bytesToHex(block.subarray(0, 16)));
    expect(bytesToHex(keys.serverWriteKey)).toBe(bytesToHex(block.subarray(16, 32)));
    expect(bytesToHex(keys.clientWriteIv)).toBe(bytesToHex(block.subarray(32, 36)));
    expect(bytesToHex(keys.serverWriteIv)).toBe(bytesToHex(block.subarray(36, 40)));
  });

  it('verify_data = PRF(ms, "client finished" | "server finished", SHA-256(messages))[0..11]', () => {
    const ms = tls12MasterSecret(pms, clientRandom, serverRandom);
    const messages = utf8ToBytes('all the handshake messages');
    const hash = createHash('sha256').update(messages).digest();
    for (const sender of ['client', 'server'] as const)
      expect(bytesToHex(tls12VerifyData(ms, sender, messages))).toBe(
        bytesToHex(nodePrf(ms, `${sender} finished`, hash, 12)),
      );
  });

  it('checks its inputs at the boundary', () => {
    expect(() => tls12MasterSecret(pms, new Uint8Array(31), serverRandom)).toThrow(/clientRandom/);
    expect(() => tls12KeyBlock(new Uint8Array(47), clientRandom, serverRandom)).toThrow(/masterSecret/);
  });
});
