/** TLS 1.3 key schedule with SHA-256: HKDF-Expand-Label, Derive-Secret, traffic keys, Finished. RFC 8446 §7.1, §7.2, §7.3, §4.4.1, §4.4.4 @module */
// HKDF stays on noble everywhere: a round's few dozen expansions cost well under a millisecond.
import { expand, extract } from '@noble/hashes/hkdf.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { ArgumentError, abytes, aint, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { hmacSha256, sha256 } from '../crypto/primitives.ts';
import { encodeUint, encodeVector } from './wire.ts';

/** Hash.length for every suite the game supports (both are SHA-256 suites, §B.4). */
export const HASH_LENGTH = 32;
/** Per-record nonce length, iv_length (§5.3). */
export const IV_LENGTH = 12;

const ZEROS = new Uint8Array(HASH_LENGTH);

/** A write key and IV for one direction (§7.3). */
export interface TrafficKeys {
  key: Uint8Array;
  iv: Uint8Array;
}

/** Transcript-Hash(M1 ‖ … ‖ Mn) over handshake messages with their 4-byte headers (§4.4.1). */
export function transcriptHash(messages: Uint8Array): Uint8Array {
  abytes(messages, undefined, 'messages');
  return sha256(messages);
}

/** HKDF-Extract(salt, IKM) with SHA-256 (RFC 5869 §2.2, used by §7.1). */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  abytes(salt, undefined, 'salt');
  abytes(ikm, undefined, 'ikm');
  return extract(nobleSha256, ikm, salt);
}

/**
 * HKDF-Expand-Label(Secret, Label, Context, Length) (§7.1). `label` is given without the "tls13 "
 * prefix, which this function adds, so HkdfLabel = uint16 length ‖ opaque "tls13 "+label<7..255> ‖ opaque context<0..255>.
 */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  abytes(secret, undefined, 'secret');
  abytes(context, undefined, 'context');
  if (typeof label !== 'string') throw new ArgumentError('label: expected a string');
  aint(length, 1, 255 * HASH_LENGTH, 'length');
  const hkdfLabel = concatBytes(
    encodeUint(length, 2),
    encodeVector(1, utf8ToBytes(`tls13 ${label}`), 7, 255, 'HkdfLabel.label'),
    encodeVector(1, context, 0, 255, 'HkdfLabel.context'),
  );
  return expand(nobleSha256, secret, hkdfLabel, length);
}

/** Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) (§7.1). */
export function deriveSecret(secret: Uint8Array, label: string, messages: Uint8Array): Uint8Array {
  return hkdfExpandLabel(secret, label, transcriptHash(messages), HASH_LENGTH);
}

/** [sender]_write_key and [sender]_write_iv from a traffic secret (§7.3). 16 for AES-128-GCM, 32 for ChaCha20-Poly1305. */
export function trafficKeys(secret: Uint8Array, keyLength = 16): TrafficKeys {
  if (keyLength !== 16 && keyLength !== 32) throw new ArgumentError('keyLength: expected 16 or 32');
  return {
    key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), keyLength),
    iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), IV_LENGTH),
  };
}

/** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (§4.4.4). */
export function finishedKey(baseKey: Uint8Array): Uint8Array {
  return hkdfExpandLabel(baseKey, 'finished', new Uint8Array(0), HASH_LENGTH);
}

/**
 * verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*, CertificateVerify*)) (§4.4.4).
 * `baseKey` is the sender's handshake traffic secret; `messages` the transcript before this Finished.
 */
export function finishedVerifyData(baseKey: Uint8Array, messages: Uint8Array): Uint8Array {
  return hmacSha256(finishedKey(baseKey), transcriptHash(messages));
}

/** §7.2: application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length). */
export function nextTrafficSecret(secret: Uint8Array): Uint8Array {
  abytes(secret, HASH_LENGTH, 'secret');
  return hkdfExpandLabel(secret, 'traffic upd', new Uint8Array(0), HASH_LENGTH);
}

/**
 * §4.4.1: after a HelloRetryRequest the first ClientHello is replaced in the transcript by the synthetic
 * message_hash message, Handshake { msg_type 254; length Hash.length; Hash(ClientHello1) }.
 */
export function messageHash(clientHello1: Uint8Array): Uint8Array {
  abytes(clientHello1, undefined, 'clientHello1');
  return concatBytes(Uint8Array.of(254, 0, 0, HASH_LENGTH), sha256(clientHello1));
}

/** The handshake-stage secrets, known once ClientHello and ServerHello are exchanged (§7.1). */
export interface HandshakeSecrets {
  earlySecret: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
}

/** The application-stage secrets, known once the server's Finished is in the transcript (§7.1). */
export interface ApplicationSecrets {
  masterSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
}

/** Early Secret (no PSK) → Handshake Secret → [c|s] hs traffic (§7.1). */
export function handshakeSecrets(sharedSecret: Uint8Array, helloMessages: Uint8Array): HandshakeSecrets {
  abytes(sharedSecret, undefined, 'sharedSecret');
  abytes(helloMessages, undefined, 'helloMessages');
  const earlySecret = hkdfExtract(ZEROS, ZEROS); // PSK = 0 (§7.1: no PSK)
  const handshakeSecret = hkdfExtract(deriveSecret(earlySecret, 'derived', new Uint8Array(0)), sharedSecret);
  return {
    earlySecret,
    handshakeSecret,
    clientHandshakeTrafficSecret: deriveSecret(handshakeSecret, 'c hs traffic', helloMessages),
    serverHandshakeTrafficSecret: deriveSecret(handshakeSecret, 's hs traffic', helloMessages),
  };
}

/** Handshake Secret → Master Secret → [c|s] ap traffic over ClientHello…server Finished (§7.1). */
export function applicationSecrets(
  handshakeSecret: Uint8Array,
  serverFinishedMessages: Uint8Array,
): ApplicationSecrets {
  abytes(handshakeSecret, HASH_LENGTH, 'handshakeSecret');
  abytes(serverFinishedMessages, undefined, 'serverFinishedMessages');
  const masterSecret = hkdfExtract(deriveSecret(handshakeSecret, 'derived', new Uint8Array(0)), ZEROS);
  return {
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(masterSecret, 'c ap traffic', serverFinishedMessages),
    serverApplicationTrafficSecret: deriveSecret(masterSecret, 's ap traffic', serverFinishedMessages),
  };
}

export interface Tls13KeySchedule extends HandshakeSecrets, ApplicationSecrets {
  clientHandshake: TrafficKeys;
  serverHandshake: TrafficKeys;
  clientApplication: TrafficKeys;
  serverApplication: TrafficKeys;
}

/**
 * The whole (EC)DHE key schedule (§7.1) and traffic keys (§7.3). `helloMessages` = ClientHello ‖ ServerHello,
 * `serverFinishedMessages` = ClientHello … server Finished (handshake messages with headers, no record headers).
 * `keyLength` 16 gives AES-128-GCM keys, 32 ChaCha20-Poly1305 keys.
 */
export function tls13KeySchedule(
  sharedSecret: Uint8Array,
  helloMessages: Uint8Array,
  serverFinishedMessages: Uint8Array,
  keyLength = 16,
): Tls13KeySchedule {
  const hs = handshakeSecrets(sharedSecret, helloMessages);
  const ap = applicationSecrets(hs.handshakeSecret, serverFinishedMessages);
  return {
    ...hs,
    ...ap,
    clientHandshake: trafficKeys(hs.clientHandshakeTrafficSecret, keyLength),
    serverHandshake: trafficKeys(hs.serverHandshakeTrafficSecret, keyLength),
    clientApplication: trafficKeys(ap.clientApplicationTrafficSecret, keyLength),
    serverApplication: trafficKeys(ap.serverApplicationTrafficSecret, keyLength),
  };
}
