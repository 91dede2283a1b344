import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { parseCertificate } from '../x509/certificate.ts';
import {
  type ClientWaitServerHello,
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientVerifyServer,
} from './client.ts';
import { openApplicationData, sealApplicationData } from './connection.ts';
import { TlsError } from './errors.ts';
import { describeRecord } from './inspect.ts';
import { encodeClientHello, encodeServerHello, parseClientHello, parseServerHello } from './messages.ts';
import { encodeHandshakeRecords, splitRecords } from './record.ts';
import { RFC8448 as V } from './rfc8448.vectors.ts';
import { serverReadClientFinished, serverRespond } from './server.ts';
import { FAKE_LEAF_DER, FAKE_ROOT_DER, rngFor, runHandshake, SERVER_PUBLIC_KEY, serverConfig } from './testkit.ts';

const hex = bytesToHex;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TlsError) return e.code;
    throw e;
  }
  return 'NO ERROR';
}

describe('full handshake', () => {
  for (const suite of [0x1301, 0x1303] as const) {
    it(`suite 0x${suite.toString(16)}: handshake, then application data both ways`, () => {
      const run = runHandshake([suite]);
      expect(run.afterHello.state.cipherSuite).toBe(suite);
      expect(run.afterFlight.certificateChain).toEqual([FAKE_LEAF_DER, FAKE_ROOT_DER]);
      expect(run.verified.checks.map((c) => c.check)).toEqual(['CertificateVerify', 'Finished']);
      expect(run.server.state.phase).toBe('CONNECTED');
      expect(hex(run.server.state.transcript)).toBe(hex(run.finished.state.transcript));

      let client = run.finished.connection;
      let server = run.server.connection;
      expect(client.write.key.length).toBe(suite === 0x1301 ? 16 : 32);
      expect(hex(client.write.key)).toBe(hex(server.read.key));
      for (const text of ['GET /basket', 'second request']) {
        const sealed = sealApplicationData(client, utf8ToBytes(text));
        client = sealed.connection;
        const opened = openApplicationData(server, sealed.record);
        server = opened.connection;
        expect(new TextDecoder().decode(opened.plaintext)).toBe(text);
      }
      const reply = sealApplicationData(server, utf8ToBytes('200 OK'));
      expect(new TextDecoder().decode(openApplicationData(client, reply.record).plaintext)).toBe('200 OK');
      expect(client.write.seq).toBe(2);
      expect(server.read.seq).toBe(2);
      expect(reply.connection.write.seq).toBe(1);
    });
  }

  it('the ClientHello is the game’s: two suites, x25519, ed25519, TLS 1.3, SNI; record version 0x0301', () => {
    const { hello, flight } = runHandshake();
    const ch = parseClientHello(hello.message);
    expect(ch).toMatchObject({
      cipherSuites: [0x1301, 0x1303],
      serverName: 'shop.example',
      supportedVersions: [0x0304],
      supportedGroups: [0x001d],
      signatureAlgorithms: [0x0807],
      legacyCompressionMethods: Uint8Array.of(0),
    });
    expect(ch.legacySessionId.length).toBe(32);
    expect(hex(hello.record.subarray(0, 3))).toBe('160301');
    expect(flight.records).toHaveLength(5);
    expect(hex(flight.records[0]!.subarray(0, 3))).toBe('160303');
    for (const r of flight.records.slice(1)) expect(hex(r.subarray(0, 3))).toBe('170303');
    for (const r of [hello.record, ...flight.records]) expect(describeRecord(r).error).toBeUndefined();
  });

  it('is deterministic from the seeds', () => {
    expect(hex(runHandshake().finished.record)).toBe(hex(runHandshake().finished.record));
  });

  it('accepts the flight as one stream and the hello as a bare message', () => {
    const hello = clientHello(rngFor('c'), { serverName: 'shop.example' });
    const flight = serverRespond(rngFor('s'), serverConfig(), hello.message);
    const sh = clientReadServerHello(hello.state, flight.records[0]!);
    const read = clientReadServerFlight(sh.state, concatBytes(...flight.records.slice(1)));
    expect(read.certificate.certificateList).toHaveLength(2);
  });
});

describe('client checks', () => {
  const start = () => {
    const hello = clientHello(rngFor('client'), { serverName: 'shop.example' });
    const flight = serverRespond(rngFor('server'), serverConfig(), hello.record);
    return { hello, flight };
  };
  /** A ServerHello record after `change`. */
  const changedServerHello = (record: Uint8Array, change: (sh: ReturnType<typeof parseServerHello>) => object) => {
    const sh = parseServerHello(splitRecords(record)[0]!.fragment);
    return encodeHandshakeRecords(encodeServerHello({ ...sh, ...change(sh) }))[0]!;
  };

  it('a certificate key that did not sign: DECRYPT_ERROR', () => {
    const { hello, flight } = start();
    const sh = clientReadServerHello(hello.state, flight.records[0]!);
    const read = clientReadServerFlight(sh.state, flight.records.slice(1));
    const otherKey = ed25519.getPublicKey(new Uint8Array(32).fill(8));
    expect(code(() => clientVerifyServer(read.state, otherKey))).toBe('DECRYPT_ERROR');
  });

  it('a Finished that does not match: BAD_FINISHED', () => {
    const { hello, flight } = start();
    const sh = clientReadServerHello(hello.state, flight.records[0]!);
    const read = clientReadServerFlight(sh.state, flight.records.slice(1));
    const serverFinished = read.state.serverFinished.slice();
    serverFinished[10]! ^= 1;
    expect(code(() => clientVerifyServer({ ...read.state, serverFinished }, SERVER_PUBLIC_KEY))).toBe('BAD_FINISHED');
  });

  it('ServerHello inconsistent with our ClientHello: ILLEGAL_PARAMETER / UNSUPPORTED_EXTENSION', () => {
    const { hello, flight } = start();
    const record = flight.records[0]!;
    const cases: [(sh: ReturnType<typeof parseServerHello>) => object, string][] = [
      [() => ({ cipherSuite: 0x1302 }), 'ILLEGAL_PARAMETER'],
      [() => ({ legacySessionIdEcho: new Uint8Array(32) }), 'ILLEGAL_PARAMETER'],
      [() => ({ legacyCompressionMethod: 1 }), 'ILLEGAL_PARAMETER'],
      [(sh) => ({ extensions: [...sh.extensions!, { type: 16, data: new Uint8Array(0) }] }), 'UNSUPPORTED_EXTENSION'],
      [(sh) => ({ extensions: sh.extensions!.filter((e) => e.type !== 51) }), 'MISSING_EXTENSION'],
      [
        (sh) => ({
          extensions: sh.extensions!.map((e) => (e.type === 43 ? { type: 43, data: Uint8Array.of(3, 5) } : e)),
        }),
        'ILLEGAL_PARAMETER',
      ],
    ];
    for (const [change, expected] of cases) {
      const changed = changedServerHello(record, change);
      expect(code(() => clientReadServerHello(hello.state, changed))).toBe(expected);
    }
  });

  it('§4.1.3: a TLS 1.2 ServerHello with the sentinel is ILLEGAL_PARAMETER, without it PROTOCOL_VERSION', () => {
    const { hello } = start();
    const ch = parseClientHello(hello.message);
    const tls12 = (random: Uint8Array, legacyVersion = 0x0303) =>
      encodeHandshakeRecords(
        encodeServerHello({
          legacyVersion,
          random,
          legacySessionIdEcho: ch.legacySessionId,
          cipherSuite: 0xc02f,
          legacyCompressionMethod: 0,
          extensions: undefined,
        }),
      )[0]!;
    const random = new Uint8Array(32).fill(0x33);
    expect(code(() => clientReadServerHello(hello.state, tls12(random)))).toBe('PROTOCOL_VERSION');
    random.set([0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01], 24);
    const e = (() => {
      try {
        clientReadServerHello(hello.state, tls12(random));
      } catch (err) {
        return err as TlsError;
      }
    })();
    expect(e?.code).toBe('ILLEGAL_PARAMETER');
    expect(e?.alertDescription).toBe(47);
    expect(e?.message).toMatch(/DOWNGRD/);
    random[31] = 0; // DOWNGRD 00: TLS 1.1 or below
    expect(code(() => clientReadServerHello(hello.state, tls12(random, 0x0302)))).toBe('ILLEGAL_PARAMETER');
  });

  it('steps called in the wrong phase fail loudly', () => {
    const { hello, flight } = start();
    expect(() => clientReadServerFlight(hello.state as never, flight.records.slice(1))).toThrow(/phase/);
  });
});

describe('server checks', () => {
  const hello = () => clientHello(rngFor('client'), { serverName: 'shop.example' });

  it('no common suite: HANDSHAKE_FAILURE; no TLS 1.3 and no fallback: PROTOCOL_VERSION', () => {
    const h = clientHello(rngFor('client'), { serverName: 'shop.example', cipherSuites: [0x1303] });
    expect(code(() => serverRespond(rngFor('s'), serverConfig({ cipherSuites: [0x1301] }), h.record))).toBe(
      'HANDSHAKE_FAILURE',
    );
    const old = clientHello(rngFor('client'), {
      serverName: 'shop.example',
      supportedVersions: [],
      tls12CipherSuites: [0x009c],
    });
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), old.record))).toBe('PROTOCOL_VERSION');
    expect(serverRespond(rngFor('s'), serverConfig({ supportsTls12Fallback: true }), old.record).state.phase).toBe(
      'DOWNGRADED_TLS12',
    );
  });

  it('missing or unusable extensions', () => {
    const ch = parseClientHello(hello().message);
    const without = (type: number) =>
      encodeClientHello({ ...ch, extensions: ch.extensions.filter((e) => e.type !== type) });
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), without(13)))).toBe('MISSING_EXTENSION');
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), without(10)))).toBe('MISSING_EXTENSION');
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), without(51)))).toBe('MISSING_EXTENSION');
    const compressed = encodeClientHello({ ...ch, legacyCompressionMethods: Uint8Array.of(1, 0) });
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), compressed))).toBe('ILLEGAL_PARAMETER');
    const shortShare = encodeClientHello({
      ...ch,
      extensions: ch.extensions.map((e) =>
        e.type === 51 ? { type: 51, data: Uint8Array.of(0, 5, 0, 0x1d, 0, 1, 9) } : e,
      ),
    });
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), shortShare))).toBe('ILLEGAL_PARAMETER');
    const zeroShare = encodeClientHello({
      ...ch,
      extensions: ch.extensions.map((e) =>
        e.type === 51 ? { type: 51, data: concatBytes(Uint8Array.of(0, 36, 0, 0x1d, 0, 32), new Uint8Array(32)) } : e,
      ),
    });
    expect(code(() => serverRespond(rngFor('s'), serverConfig(), zeroShare))).toBe('ILLEGAL_PARAMETER');
  });

  it('a client Finished over another transcript: BAD_FINISHED', () => {
    const run = runHandshake();
    const bent = clientFinish({
      ...run.verified.state,
      transcript: concatBytes(run.verified.state.transcript, Uint8Array.of(0)),
    });
    expect(code(() => serverReadClientFinished(run.flight.state as never, bent.record))).toBe('BAD_FINISHED');
  });
});

describe('the client reads RFC 8448 §3', () => {
  const state: ClientWaitServerHello = {
    role: 'client',
    phase: 'WAIT_SERVER_HELLO',
    serverName: 'server',
    clientHello: V.clientHello,
    x25519PrivateKey: V.clientPrivateKey,
    keyShares: [{ group: 0x001d, privateKey: V.clientPrivateKey, publicKey: x25519.getPublicKey(V.clientPrivateKey) }],
  };

  it('derives the published handshake secrets, decrypts the flight, and refuses its RSA signature', () => {
    const sh = clientReadServerHello(state, V.recordServerHello);
    expect(hex(sh.state.handshakeSecret)).toBe(hex(V.handshakeSecret));
    expect(hex(sh.state.serverHandshakeTrafficSecret)).toBe(hex(V.serverHandshakeTrafficSecret));
    const read = clientReadServerFlight(sh.state, V.recordServerFlight);
    expect(read.certificateChain).toEqual([V.certificate.slice(11, 11 + 0x1b0)]); // header 4, context 1, list 3, cert_data 3
    expect(hex(read.state.transcript)).toBe(
      hex(
        concatBytes(
          V.clientHello,
          V.serverHello,
          V.encryptedExtensions,
          V.certificate,
          V.certificateVerify,
          V.serverFinished,
        ),
      ),
    );
    // The server signed with rsa_pss_rsae_sha256: an Ed25519 key cannot have made that signature.
    expect(code(() => clientVerifyServer(read.state, new Uint8Array(32)))).toBe('HANDSHAKE_FAILURE');
    const leaf = parseCertificate(read.certificateChain[0]!);
    const verified = clientVerifyServer(read.state, leaf.publicKey);
    expect(verified.checks.map((c) => c.explanation)[0]).toMatch(/RSA-PSS/);
    expect(hex(verified.state.clientApplicationTrafficSecret)).toBe(hex(V.clientApplicationTrafficSecret));
    expect(hex(verified.state.serverApplicationTrafficSecret)).toBe(hex(V.serverApplicationTrafficSecret));
  });
});
