import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '../bytes/bytes.ts';
import { flipByte, stripCipherSuites, stripSupportedVersions, substituteKeyShare } from './attacks.ts';
import { clientHello, clientReadServerFlight, clientReadServerHello, clientVerifyServer } from './client.ts';
import { openApplicationData, sealApplicationData } from './connection.ts';
import { TlsError } from './errors.ts';
import { parseClientHello, parseServerHello } from './messages.ts';
import { splitRecords } from './record.ts';
import { serverRespond } from './server.ts';
import { FAKE_LEAF_DER, rngFor, runHandshake, SERVER_PUBLIC_KEY, serverConfig } from './testkit.ts';

function error(fn: () => unknown): TlsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TlsError) return e;
    throw e;
  }
  throw new Error('expected a TlsError');
}

const attackerKey = x25519.getPublicKey(new Uint8Array(32).fill(0x66));
const start = () => clientHello(rngFor('client'), { serverName: 'shop.example' });

describe('attacks on application data', () => {
  it('a flipped byte fails the AEAD tag: BAD_RECORD_MAC', () => {
    const { finished, server } = runHandshake();
    const { record } = sealApplicationData(finished.connection, utf8ToBytes('pay 10 to alice'));
    for (const index of [2, 10, record.length - 1]) {
      expect(error(() => openApplicationData(server.connection, flipByte(record, index))).code).toBe('BAD_RECORD_MAC');
    }
  });

  it('a replayed record fails: the sequence number moved on, so the nonce differs', () => {
    const { finished, server } = runHandshake();
    const { record } = sealApplicationData(finished.connection, utf8ToBytes('pay 10 to alice'));
    const once = openApplicationData(server.connection, record);
    const replay = error(() => openApplicationData(once.connection, record));
    expect(replay.code).toBe('BAD_RECORD_MAC');
    expect(replay.alertDescription).toBe(20);
  });
});

describe('attacks on the handshake', () => {
  it('stripping cipher suites: the server follows, but the client cannot decrypt the flight', () => {
    const hello = start();
    const stripped = stripCipherSuites(hello.record, [0x1303]);
    expect(parseClientHello(splitRecords(stripped)[0]!.fragment).cipherSuites).toEqual([0x1303]);
    const flight = serverRespond(rngFor('server'), serverConfig(), stripped);
    expect(flight.state.phase === 'WAIT_CLIENT_FINISHED' && flight.state.cipherSuite).toBe(0x1303);
    const sh = clientReadServerHello(hello.state, flight.records[0]!); // 0x1303 was offered: no alarm yet
    expect(error(() => clientReadServerFlight(sh.state, flight.records.slice(1))).code).toBe('BAD_RECORD_MAC');
  });

  it("substituting the client's key share: the keys differ, the flight does not decrypt", () => {
    const hello = start();
    const flight = serverRespond(rngFor('server'), serverConfig(), substituteKeyShare(hello.record, attackerKey));
    const sh = clientReadServerHello(hello.state, flight.records[0]!);
    expect(error(() => clientReadServerFlight(sh.state, flight.records.slice(1))).code).toBe('BAD_RECORD_MAC');
  });

  it("substituting the server's key share: the same", () => {
    const hello = start();
    const flight = serverRespond(rngFor('server'), serverConfig(), hello.record);
    const forged = substituteKeyShare(flight.records[0]!, attackerKey);
    expect(parseServerHello(splitRecords(forged)[0]!.fragment).keyShare?.keyExchange).toEqual(attackerKey);
    const sh = clientReadServerHello(hello.state, forged);
    expect(error(() => clientReadServerFlight(sh.state, flight.records.slice(1))).code).toBe('BAD_RECORD_MAC');
  });

  it('an impostor with the real certificate but not its key fails CertificateVerify: DECRYPT_ERROR', () => {
    const hello = start();
    const impostor = serverConfig({ signingKey: new Uint8Array(32).fill(0x66) });
    const flight = serverRespond(rngFor('impostor'), impostor, hello.record);
    const sh = clientReadServerHello(hello.state, flight.records[0]!);
    const read = clientReadServerFlight(sh.state, flight.records.slice(1));
    expect(read.certificateChain[0]).toEqual(FAKE_LEAF_DER);
    expect(SERVER_PUBLIC_KEY).not.toEqual(ed25519.getPublicKey(impostor.signingKey as Uint8Array));
    expect(error(() => clientVerifyServer(read.state, SERVER_PUBLIC_KEY)).code).toBe('DECRYPT_ERROR');
  });

  it('stripping supported_versions: the server falls back to TLS 1.2 with the sentinel, the client detects it', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example', tls12CipherSuites: [0xc02b, 0x009c] });
    const stripped = stripSupportedVersions(hello.record);
    expect(parseClientHello(splitRecords(stripped)[0]!.fragment).supportedVersions).toBeUndefined();
    const flight = serverRespond(rngFor('server'), serverConfig({ supportsTls12Fallback: true }), stripped);
    expect(flight.state.phase).toBe('DOWNGRADED_TLS12');
    expect(flight.records).toHaveLength(1);
    const serverHello = parseServerHello(splitRecords(flight.records[0]!)[0]!.fragment);
    expect(serverHello.downgradeSentinel).toBe('TLS12');
    // A suite the client offered, and a fresh session id: echoing the client's would mean resumption in TLS 1.2.
    expect(serverHello.cipherSuite).toBe(0xc02b);
    const clientSessionId = parseClientHello(splitRecords(stripped)[0]!.fragment).legacySessionId;
    expect(serverHello.legacySessionIdEcho).toHaveLength(32);
    expect(serverHello.legacySessionIdEcho).not.toEqual(clientSessionId);
    const e = error(() => clientReadServerHello(hello.state, flight.records[0]!));
    expect(e.code).toBe('ILLEGAL_PARAMETER');
    expect(e.message).toMatch(/Downgrade detected/);
  });

  it('the attack helpers keep the record framing and refuse nonsense', () => {
    const hello = start();
    expect(stripCipherSuites(hello.record, [0x1301, 0x1303])).toEqual(hello.record);
    expect(Array.from(stripSupportedVersions(hello.record).subarray(0, 3))).toEqual([0x16, 3, 1]);
    expect(() => stripCipherSuites(hello.record, [0x9999])).toThrow(/keep/);
    expect(() => substituteKeyShare(hello.record, new Uint8Array(31))).toThrow(/newPublicKey/);
    expect(() => flipByte(hello.record, hello.record.length)).toThrow(/index/);
  });
});
