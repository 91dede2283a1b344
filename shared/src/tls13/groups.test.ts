/** Tests: secp256r1 key shares, HelloRetryRequest on both sides, ECDSA P-256 CertificateVerify. RFC 8446 §4.1.4, §4.2.8, §4.4.3 @module */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8ToBytes } from '../bytes/bytes.ts';
import {
  type ClientHelloOptions,
  clientFinish,
  clientHello,
  clientReadHelloRetryRequest,
  clientReadServerFlight,
  clientReadServerHello,
  clientReadServerReply,
  clientVerifyServer,
} from './client.ts';
import { openApplicationData, sealApplicationData } from './connection.ts';
import { HELLO_RETRY_REQUEST_RANDOM, NamedGroup, SignatureScheme } from './constants.ts';
import { TlsError } from './errors.ts';
import { cookieExtension, cookieOf, type Extension, serverSupportedVersionsExtension } from './extensions.ts';
import { plaintextHandshakeRecords } from './flight.ts';
import { p256KeyPair, p256Shared } from './keyExchange.ts';
import { encodeServerHello, parseClientHello, parseServerHello } from './messages.ts';
import { type ServerConfig, serverReadClientFinished, serverReadRetriedClientHello, serverRespond } from './server.ts';
import { rngFor, SERVER_PUBLIC_KEY, serverConfig } from './testkit.ts';

const P256 = NamedGroup.secp256r1;
const X25519 = NamedGroup.x25519;
const ALL_SCHEMES = [
  SignatureScheme.ed25519,
  SignatureScheme.ecdsa_secp256r1_sha256,
  SignatureScheme.rsa_pss_rsae_sha256,
];

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    if (error instanceof TlsError) return error.code;
    throw error;
  }
  return undefined;
};

/** A whole handshake, answering a HelloRetryRequest when one comes; returns what each side saw. */
function handshake(
  options: Partial<ClientHelloOptions>,
  config: ServerConfig,
  leafKey: Parameters<typeof clientVerifyServer>[1],
) {
  const hello = clientHello(rngFor('client'), { serverName: 'shop.example', ...options });
  let flight = serverRespond(rngFor('server'), config, hello.record);
  let clientState = hello.state;
  let retried = false;
  if (flight.state.phase === 'WAIT_RETRIED_CLIENT_HELLO') {
    retried = true;
    const reply = clientReadServerReply(rngFor('client retry'), hello.state, flight.records);
    if (reply.kind !== 'hello_retry_request') throw new Error('expected a HelloRetryRequest');
    clientState = reply.state;
    flight = serverReadRetriedClientHello(rngFor('server retry'), config, flight.state, reply.record);
  }
  if (flight.state.phase !== 'WAIT_CLIENT_FINISHED') throw new Error(`server in ${flight.state.phase}`);
  const sh = clientReadServerHello(clientState, flight.records[0]!);
  const read = clientReadServerFlight(sh.state, flight.records.slice(1));
  const verified = clientVerifyServer(read.state, leafKey);
  const finished = clientFinish(verified.state);
  const server = serverReadClientFinished(flight.state, finished.record);
  const sent = sealApplicationData(finished.connection, utf8ToBytes('GET / HTTP/1.1'));
  const echoed = new TextDecoder().decode(openApplicationData(server.connection, sent.record).plaintext);
  return { retried, serverHello: sh.serverHello, verified, echoed, finished, server };
}

describe('secp256r1 key shares (§4.2.8.2, §7.4.2)', () => {
  it('agree on the x-coordinate, and refuse compressed or off-curve points', () => {
    const a = p256KeyPair(rngFor('a'));
    const b = p256KeyPair(rngFor('b'));
    expect(a.publicKey.length).toBe(65);
    expect(bytesToHex(p256Shared(a.privateKey, b.publicKey))).toBe(bytesToHex(p256Shared(b.privateKey, a.publicKey)));
    expect(bytesToHex(p256Shared(a.privateKey, b.publicKey))).toBe(
      bytesToHex(p256.getSharedSecret(a.privateKey, b.publicKey).slice(1)),
    );
    expect(code(() => p256Shared(a.privateKey, p256.getPublicKey(b.privateKey, true)))).toBe('ILLEGAL_PARAMETER');
    const off = b.publicKey.slice();
    off[64]! ^= 1;
    expect(code(() => p256Shared(a.privateKey, off))).toBe('ILLEGAL_PARAMETER');
  });

  it('a P-256-only client completes a handshake with the default server', () => {
    const run = handshake({ groups: [P256] }, serverConfig(), SERVER_PUBLIC_KEY);
    expect(run.retried).toBe(false);
    expect(run.serverHello.keyShare?.group).toBe(P256);
    expect(run.echoed).toBe('GET / HTTP/1.1');
  });

  it('the game ClientHello still offers x25519 and Ed25519 only, with one share', () => {
    const hello = parseClientHello(clientHello(rngFor('client'), { serverName: 'shop.example' }).message);
    expect(hello.supportedGroups).toEqual([X25519]);
    expect(hello.keyShares?.map((s) => s.group)).toEqual([X25519]);
    expect(hello.signatureAlgorithms).toEqual([SignatureScheme.ed25519]);
  });
});

describe('HelloRetryRequest (§4.1.4)', () => {
  it('a client offering both groups with a P-256 share, against an x25519-only server, retries with x25519', () => {
    const run = handshake(
      { groups: [P256, X25519], keyShareGroups: [P256] },
      serverConfig({ groups: [X25519] }),
      SERVER_PUBLIC_KEY,
    );
    expect(run.retried).toBe(true);
    expect(run.serverHello.keyShare?.group).toBe(X25519);
    expect(run.echoed).toBe('GET / HTTP/1.1');
    // §4.4.1: the transcript starts with message_hash (254) in place of the first ClientHello.
    expect(run.finished.state.transcript[0]).toBe(254);
    expect(run.server.state.transcript[0]).toBe(254);
  });

  it('the HelloRetryRequest is a ServerHello with the special random and only the selected group', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example', groups: [X25519, P256] });
    const flight = serverRespond(rngFor('server'), serverConfig({ groups: [P256] }), hello.record);
    const hrr = parseServerHello(flight.messages[0]!);
    expect(hrr.isHelloRetryRequest).toBe(true);
    expect(hrr.random).toEqual(HELLO_RETRY_REQUEST_RANDOM);
    expect(hrr.keyShare).toEqual({ group: P256, keyExchange: new Uint8Array(0) });
    expect(flight.records).toHaveLength(1);
    const retry = clientReadHelloRetryRequest(rngFor('retry'), hello.state, flight.records);
    const second = parseClientHello(retry.message);
    expect(second.keyShares?.map((s) => s.group)).toEqual([P256]);
    expect(second.random).toEqual(parseClientHello(hello.message).random);
    expect(retry.record[2]).toBe(0x03); // legacy_record_version 0x0303 after a retry (§5.1)
    // A second HelloRetryRequest is refused.
    expect(code(() => clientReadHelloRetryRequest(rngFor('again'), retry.state, flight.records))).toBe(
      'UNEXPECTED_MESSAGE',
    );
    expect(code(() => clientReadServerHello(hello.state, flight.records))).toBe('UNEXPECTED_MESSAGE');
  });

  it('echoes a cookie the HelloRetryRequest carries (§4.2.2), and refuses one that asks for nothing new', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example', groups: [X25519, P256] });
    const ch = parseClientHello(hello.message);
    const hrr = (extensions: Extension[]) =>
      plaintextHandshakeRecords(
        encodeServerHello({
          legacyVersion: 0x0303,
          random: HELLO_RETRY_REQUEST_RANDOM,
          legacySessionIdEcho: ch.legacySessionId,
          cipherSuite: 0x1301,
          legacyCompressionMethod: 0,
          extensions: [serverSupportedVersionsExtension(0x0304), ...extensions],
        }),
      );
    const cookie = utf8ToBytes('state the server did not keep');
    const retry = clientReadHelloRetryRequest(rngFor('retry'), hello.state, hrr([cookieExtension(cookie)]));
    const second = parseClientHello(retry.message);
    expect(cookieOf(second.extensions, 'client_hello')).toEqual(cookie);
    expect(second.keyShares?.map((s) => s.group)).toEqual([X25519]); // no new group asked: the same share again
    expect(code(() => clientReadHelloRetryRequest(rngFor('retry'), hello.state, hrr([])))).toBe('ILLEGAL_PARAMETER');
  });

  it('refuses a retry for a group already shared, or one never offered', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example', groups: [X25519, P256] });
    const flight = serverRespond(rngFor('server'), serverConfig({ groups: [P256] }), hello.record);
    const withShare = clientHello(rngFor('client'), {
      serverName: 'shop.example',
      groups: [X25519, P256],
      keyShareGroups: [X25519],
    });
    const offeredNoP256 = clientHello(rngFor('client'), { serverName: 'shop.example', groups: [X25519] });
    // Same random and session id so only the group check can fail.
    const state = {
      ...withShare.state,
      keyShares: [
        ...withShare.state.keyShares,
        { group: P256, privateKey: new Uint8Array(32), publicKey: new Uint8Array(65) },
      ],
    } as typeof withShare.state;
    expect(
      code(() => clientReadHelloRetryRequest(rngFor('r'), { ...state, clientHello: hello.message }, flight.records)),
    ).toBe('ILLEGAL_PARAMETER');
    expect(
      code(() =>
        clientReadHelloRetryRequest(
          rngFor('r'),
          { ...offeredNoP256.state, clientHello: parseClientHello(offeredNoP256.message).raw },
          flight.records,
        ),
      ),
    ).toBe('ILLEGAL_PARAMETER');
  });

  it('the server refuses a second ClientHello with the wrong share, and groups it does not have', () => {
    const config = serverConfig({ groups: [P256] });
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example', groups: [X25519, P256] });
    const flight = serverRespond(rngFor('server'), config, hello.record);
    if (flight.state.phase !== 'WAIT_RETRIED_CLIENT_HELLO') throw new Error('no retry');
    expect(code(() => serverReadRetriedClientHello(rngFor('s'), config, flight.state as never, hello.record))).toBe(
      'ILLEGAL_PARAMETER',
    );
    const x25519Only = clientHello(rngFor('client'), { serverName: 'shop.example' });
    expect(code(() => serverRespond(rngFor('server'), config, x25519Only.record))).toBe('HANDSHAKE_FAILURE');
  });
});

describe('ECDSA P-256 certificates (ecdsa_secp256r1_sha256, §4.4.3)', () => {
  const ecdsaKey = p256KeyPair(rngFor('ecdsa leaf'));
  const config = serverConfig({ signingKey: { algorithm: 'ECDSA-P256', privateKey: ecdsaKey.privateKey } });
  const leaf = { algorithm: 'ECDSA-P256' as const, key: ecdsaKey.publicKey };

  it('the server signs with ECDSA (DER), the client verifies it, deterministically', () => {
    const run = handshake({ signatureAlgorithms: ALL_SCHEMES, groups: [X25519, P256] }, config, leaf);
    expect(run.verified.checks[0]?.explanation).toMatch(/ECDSA P-256/);
    const again = handshake({ signatureAlgorithms: ALL_SCHEMES, groups: [X25519, P256] }, config, leaf);
    expect(bytesToHex(again.server.state.transcript)).toBe(bytesToHex(run.server.state.transcript));
  });

  it('a client that does not accept ECDSA is refused; the wrong key fails CertificateVerify', () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example' });
    expect(code(() => serverRespond(rngFor('server'), config, hello.record))).toBe('HANDSHAKE_FAILURE');
    const other = { algorithm: 'ECDSA-P256' as const, key: p256KeyPair(rngFor('other')).publicKey };
    expect(code(() => handshake({ signatureAlgorithms: ALL_SCHEMES }, config, other))).toBe('DECRYPT_ERROR');
    expect(code(() => handshake({ signatureAlgorithms: ALL_SCHEMES }, config, SERVER_PUBLIC_KEY))).toBe(
      'HANDSHAKE_FAILURE',
    );
  });
});
