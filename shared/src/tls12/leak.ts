/** "The private key leaks later": a recorded RSA key transport session opened with the server's key. RFC 5246 §7.4.7.1, §8.1, §6.3 @module */
import { ArgumentError, concatBytes } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';
import {
  type HandshakeMessage,
  parseChangeCipherSpec,
  parseHandshakeMessage,
  splitHandshakeMessages,
  TLS_RSA_WITH_AES_128_GCM_SHA256,
} from './messages.ts';
import { type Tls12KeyBlock, tls12KeyBlock, tls12MasterSecret } from './prf.ts';
import { openRecord, parseRecord, type RecordProtection } from './record.ts';
import { PRE_MASTER_SECRET_LENGTH, type RsaPrivateKey, rsaesPkcs1v15Decrypt } from './rsaKeyTransport.ts';

/** One record as an eavesdropper captured it: who sent it and its bytes. */
export interface RecordedRecord {
  from: 'client' | 'server';
  record: Uint8Array;
}

export interface RecoveredApplicationData {
  from: 'client' | 'server';
  /** Position of the record in the recording. */
  recordIndex: number;
  data: Uint8Array;
}

/** Everything the recording plus the leaked key give away. */
export interface RecoveredSession {
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  encryptedPreMasterSecret: Uint8Array;
  preMasterSecret: Uint8Array;
  masterSecret: Uint8Array;
  keyBlock: Tls12KeyBlock;
  applicationData: RecoveredApplicationData[];
}

interface Direction {
  handshakeStream: Uint8Array;
  protection: RecordProtection | undefined;
}

interface Clues {
  clientRandom?: Uint8Array;
  serverRandom?: Uint8Array;
  encryptedPreMasterSecret?: Uint8Array;
}

function unexpected(message: string): never {
  throw new Tls12Error('UNEXPECTED_MESSAGE', message);
}

/** The three messages that matter travel in the clear: both randoms and the encrypted premaster secret. */
function collectClue(clues: Clues, from: 'client' | 'server', message: HandshakeMessage): void {
  const expectFrom = (sender: 'client' | 'server') => {
    if (from !== sender)
      unexpected(`The recording shows a ${message.type} sent by the ${from}; only the ${sender} sends it.`);
  };
  if (message.type === 'client_hello') {
    expectFrom('client');
    clues.clientRandom = message.random;
  } else if (message.type === 'server_hello') {
    expectFrom('server');
    if (message.cipherSuite !== TLS_RSA_WITH_AES_128_GCM_SHA256)
      throw new Tls12Error('HANDSHAKE_FAILURE', 'The recorded session did not use TLS_RSA_WITH_AES_128_GCM_SHA256.');
    clues.serverRandom = message.random;
  } else if (message.type === 'client_key_exchange') {
    expectFrom('client');
    clues.encryptedPreMasterSecret = message.encryptedPreMasterSecret;
  }
}

/** Decrypts the premaster secret exactly as the server would have (§7.4.7.1), then §8.1 and §6.3. */
function recoverSecrets(privateKey: RsaPrivateKey, clues: Clues) {
  const { clientRandom, serverRandom, encryptedPreMasterSecret } = clues;
  if (!clientRandom || !serverRandom || !encryptedPreMasterSecret)
    unexpected('The recording lacks the ClientHello, ServerHello or ClientKeyExchange needed to rebuild the keys.');
  let preMasterSecret: Uint8Array | undefined;
  try {
    preMasterSecret = rsaesPkcs1v15Decrypt(privateKey, encryptedPreMasterSecret);
  } catch (error) {
    if (!(error instanceof Tls12Error)) throw error;
  }
  if (preMasterSecret?.length !== PRE_MASTER_SECRET_LENGTH)
    throw new Tls12Error(
      'DECRYPT_ERROR',
      "This key does not open the recorded ClientKeyExchange: it is not the private key of this server's certificate.",
    );
  const masterSecret = tls12MasterSecret(preMasterSecret, clientRandom, serverRandom);
  const keyBlock = tls12KeyBlock(masterSecret, clientRandom, serverRandom);
  return { clientRandom, serverRandom, encryptedPreMasterSecret, preMasterSecret, masterSecret, keyBlock };
}

/**
 * Replays what an eavesdropper recorded off the wire (records in capture order, each with its sender)
 * with the server's RSA private key, leaked after the fact. RSA key transport has no forward secrecy:
 * the key that decrypts the ClientKeyExchange yields the premaster secret, hence the master secret and
 * every record key, so all recorded application data opens.
 */
export function decryptRecordedSession(
  serverRsaPrivateKey: RsaPrivateKey,
  recordedRecords: readonly RecordedRecord[],
): RecoveredSession {
  if (!Array.isArray(recordedRecords as unknown)) throw new ArgumentError('recordedRecords: expected an array');
  const directions: Record<'client' | 'server', Direction> = {
    client: { handshakeStream: new Uint8Array(0), protection: undefined },
    server: { handshakeStream: new Uint8Array(0), protection: undefined },
  };
  const clues: Clues = {};
  let secrets: ReturnType<typeof recoverSecrets> | undefined;
  const applicationData: RecoveredApplicationData[] = [];

  recordedRecords.forEach(({ from, record }, recordIndex) => {
    if (from !== 'client' && from !== 'server')
      throw new ArgumentError(`recordedRecords[${recordIndex}].from: expected 'client' or 'server'`);
    const direction = directions[from];
    if (direction.protection) {
      // After this sender's ChangeCipherSpec (§7.1) every record is AES-128-GCM protected (RFC 5288 §3).
      const opened = openRecord(direction.protection, record);
      direction.protection = opened.protection;
      if (opened.contentType === 'application_data')
        applicationData.push({ from, recordIndex, data: opened.plaintext });
      return;
    }
    const { contentType, fragment } = parseRecord(record);
    if (contentType === 'handshake') {
      const { messages, rest } = splitHandshakeMessages(concatBytes(direction.handshakeStream, fragment));
      direction.handshakeStream = rest;
      for (const message of messages) collectClue(clues, from, parseHandshakeMessage(message));
    } else if (contentType === 'change_cipher_spec') {
      parseChangeCipherSpec(fragment);
      secrets ??= recoverSecrets(serverRsaPrivateKey, clues);
      const { keyBlock } = secrets;
      direction.protection =
        from === 'client'
          ? { key: keyBlock.clientWriteKey, salt: keyBlock.clientWriteIv, seq: 0 }
          : { key: keyBlock.serverWriteKey, salt: keyBlock.serverWriteIv, seq: 0 };
    } else if (contentType === 'application_data') {
      unexpected(`Record ${recordIndex} is application data sent before the ${from}'s ChangeCipherSpec.`);
    } // an unprotected alert carries nothing to recover
  });

  return { ...(secrets ?? recoverSecrets(serverRsaPrivateKey, clues)), applicationData };
}
