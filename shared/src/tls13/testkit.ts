/** Test support: a fixed server identity and a full client↔server run. Not used by the game. @module */
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '../bytes/bytes.ts';
import { type Rng, seededRng } from '../rng/rng.ts';
import {
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientVerifyServer,
} from './client.ts';
import type { CipherSuite } from './constants.ts';
import { type ServerConfig, serverReadClientFinished, serverRespond } from './server.ts';

/** The TLS layer treats certificates as opaque DER, so any bytes stand in for one here. */
export const FAKE_LEAF_DER = utf8ToBytes('0\x82 stand-in leaf certificate for shop.example');
export const FAKE_ROOT_DER = utf8ToBytes('0\x82 stand-in root certificate');
export const SERVER_SIGNING_KEY = new Uint8Array(32).fill(7);
export const SERVER_PUBLIC_KEY = ed25519.getPublicKey(SERVER_SIGNING_KEY);

export const rngFor = (label: string): Rng => seededRng(utf8ToBytes('tls13 tests'), label);

export function serverConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    certificateChainDer: [FAKE_LEAF_DER, FAKE_ROOT_DER],
    signingKey: SERVER_SIGNING_KEY,
    cipherSuites: [0x1301, 0x1303],
    ...overrides,
  };
}

/** Runs a whole handshake with no attacker; returns both connections. */
export function runHandshake(suites: readonly CipherSuite[] = [0x1301, 0x1303], serverSuites?: readonly CipherSuite[]) {
  const hello = clientHello(rngFor('client'), { serverName: 'shop.example', cipherSuites: suites });
  const flight = serverRespond(
    rngFor('server'),
    serverConfig(serverSuites ? { cipherSuites: serverSuites } : {}),
    hello.record,
  );
  if (flight.state.phase !== 'WAIT_CLIENT_FINISHED') throw new Error('server downgraded');
  const [serverHelloRecord, ...encrypted] = flight.records;
  const afterHello = clientReadServerHello(hello.state, serverHelloRecord!);
  const afterFlight = clientReadServerFlight(afterHello.state, encrypted);
  const verified = clientVerifyServer(afterFlight.state, SERVER_PUBLIC_KEY);
  const finished = clientFinish(verified.state);
  const server = serverReadClientFinished(flight.state, finished.record);
  return { hello, flight, afterHello, afterFlight, verified, finished, server };
}
