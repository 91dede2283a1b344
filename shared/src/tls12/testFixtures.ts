/** Test-only fixtures: RSA keys from Node's crypto (the library's keygen refuses < 2048 bits) and a full handshake. RFC 5246 §7.3 @module */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';
import { type Rng, seededRng } from '../rng/rng.ts';
import { Tls12Error } from './errors.ts';
import { readServerFinished, readServerHello, sendClientKeyExchange, startClient } from './handshakeClient.ts';
import { answerClientFinished, answerClientHello, type Tls12ServerIdentity } from './handshakeServer.ts';
import type { RecordedRecord } from './leak.ts';
import type { RsaPrivateKey, RsaPublicKey } from './rsaKeyTransport.ts';

export interface TestRsaKey {
  publicKey: RsaPublicKey;
  privateKey: RsaPrivateKey;
  nodePublicKey: KeyObject;
  nodePrivateKey: KeyObject;
}

const bigintOf = (base64url: string | undefined) => BigInt(`0x${Buffer.from(base64url!, 'base64url').toString('hex')}`);

/** An RSA key pair of `bits` bits (1024 by default: fast, and enough for a classroom test). */
export function testRsaKey(bits = 1024): TestRsaKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = privateKey.export({ format: 'jwk' });
  const n = bigintOf(jwk.n);
  return {
    publicKey: { n, e: bigintOf(jwk.e) },
    privateKey: { n, d: bigintOf(jwk.d) },
    nodePublicKey: publicKey,
    nodePrivateKey: privateKey,
  };
}

const key = testRsaKey(1024);
const certificate = Uint8Array.of(0x30, 0x82, 0x00, 0x02, 0xde, 0xad); // opaque DER stand-in
const identity: Tls12ServerIdentity = { certificates: [certificate], keyPair: key };
/** One RSA-1024 server shared by the tests of a file. */
export const testServer = { key, certificate, identity };

/** Records as an eavesdropper captures them. */
export const recorded = (from: 'client' | 'server', records: Uint8Array[]): RecordedRecord[] =>
  records.map((record) => ({ from, record }));

/** One full handshake with the server's key handed to the client directly. */
export function runHandshake(seed = 1, tamper?: { clientFlight2?: (records: Uint8Array[]) => Uint8Array[] }) {
  const rng = (label: string): Rng => seededRng(Uint8Array.of(seed), label);
  const [clientRng, serverRng] = [rng('client'), rng('server')];
  const hello = startClient(clientRng, { serverName: 'shop.test' });
  const serverHello = answerClientHello(serverRng, identity, hello.records);
  const clientKnowsServer = readServerHello(hello.state, serverHello.records);
  const keyExchange = sendClientKeyExchange(clientRng, clientKnowsServer, key.publicKey);
  const clientFlight2 = tamper?.clientFlight2 ? tamper.clientFlight2(keyExchange.records) : keyExchange.records;
  const serverFinished = answerClientFinished(serverRng, serverHello.state, clientFlight2);
  const client = readServerFinished(keyExchange.state, serverFinished.records);
  const wire: RecordedRecord[] = [
    ...recorded('client', hello.records),
    ...recorded('server', serverHello.records),
    ...recorded('client', keyExchange.records),
    ...recorded('server', serverFinished.records),
  ];
  return { client, server: serverFinished.state, clientKnowsServer, wire };
}

/** Runs `f`, expects it to throw a Tls12Error, and returns its code. */
export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(Tls12Error);
    return (error as Tls12Error).code;
  }
  throw new Error('expected a Tls12Error');
}
