/** TLS 1.2 PRF with SHA-256, master secret, key block and Finished verify_data: RFC 5246 §5, §6.3, §7.4.9, §8.1 @module */
import { ArgumentError, abytes, aint, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { hmacSha256, sha256 } from '../crypto/primitives.ts';

/** P_SHA256(secret, seed) truncated to `length` bytes (§5): HMAC(secret, A(i) + seed) with A(0) = seed, A(i) = HMAC(secret, A(i-1)). */
export function pSha256(secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  abytes(secret, undefined, 'secret');
  abytes(seed, undefined, 'seed');
  aint(length, 0, 255 * 32, 'length');
  const out = new Uint8Array(length);
  let a = seed;
  for (let filled = 0; filled < length; filled += 32) {
    a = hmacSha256(secret, a);
    const block = hmacSha256(secret, concatBytes(a, seed));
    out.set(block.subarray(0, Math.min(32, length - filled)), filled);
  }
  return out;
}

/** PRF(secret, label, seed) = P_SHA256(secret, label + seed) (§5); `label` is ASCII, without a length byte or trailing null. */
export function prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  if (typeof label !== 'string' || !/^[\x20-\x7e]+$/.test(label))
    throw new ArgumentError('label: expected an ASCII string');
  return pSha256(secret, concatBytes(utf8ToBytes(label), seed), length);
}

/**
 * master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47] (§8.1).
 * The premaster secret is 48 bytes for RSA key transport; other key exchanges give other lengths, so any length is accepted.
 */
export function tls12MasterSecret(
  preMasterSecret: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
): Uint8Array {
  abytes(preMasterSecret, undefined, 'preMasterSecret');
  abytes(clientRandom, 32, 'clientRandom');
  abytes(serverRandom, 32, 'serverRandom');
  return prf(preMasterSecret, 'master secret', concatBytes(clientRandom, serverRandom), 48);
}

/** The write keys and implicit nonce salts of TLS_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288 §3: no MAC keys). */
export interface Tls12KeyBlock {
  clientWriteKey: Uint8Array; // 16
  serverWriteKey: Uint8Array; // 16
  clientWriteIv: Uint8Array; // 4, the GCM salt
  serverWriteIv: Uint8Array; // 4, the GCM salt
}

const KEY_LENGTH = 16;
const FIXED_IV_LENGTH = 4;

/**
 * key_block = PRF(master_secret, "key expansion", server_random + client_random) (§6.3), partitioned as
 * client_write_key, server_write_key, client_write_IV, server_write_IV. Note the randoms swap order relative to §8.1.
 */
export function tls12KeyBlock(
  masterSecret: Uint8Array,
  clientRandom: Uint8Array,
  serverRandom: Uint8Array,
): Tls12KeyBlock {
  abytes(masterSecret, 48, 'masterSecret');
  abytes(clientRandom, 32, 'clientRandom');
  abytes(serverRandom, 32, 'serverRandom');
  const block = prf(
    masterSecret,
    'key expansion',
    concatBytes(serverRandom, clientRandom),
    2 * KEY_LENGTH + 2 * FIXED_IV_LENGTH,
  );
  const at = (start: number, length: number) => block.slice(start, start + length);
  return {
    clientWriteKey: at(0, KEY_LENGTH),
    serverWriteKey: at(KEY_LENGTH, KEY_LENGTH),
    clientWriteIv: at(2 * KEY_LENGTH, FIXED_IV_LENGTH),
    serverWriteIv: at(2 * KEY_LENGTH + FIXED_IV_LENGTH, FIXED_IV_LENGTH),
  };
}

/**
 * verify_data = PRF(master_secret, finished_label, SHA-256(handshake_messages))[0..11] (§7.4.9), where
 * handshake_messages is every handshake message so far (headers included, ChangeCipherSpec excluded).
 */
export function tls12VerifyData(
  masterSecret: Uint8Array,
  sender: 'client' | 'server',
  handshakeMessages: Uint8Array,
): Uint8Array {
  abytes(masterSecret, 48, 'masterSecret');
  abytes(handshakeMessages, undefined, 'handshakeMessages');
  if (sender !== 'client' && sender !== 'server') throw new ArgumentError("sender: expected 'client' or 'server'");
  return prf(masterSecret, `${sender} finished`, sha256(handshakeMessages), 12);
}
