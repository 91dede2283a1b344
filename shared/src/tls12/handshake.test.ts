/** Tests: the full TLS 1.2 RSA handshake, both directions, replay, tampering, refusals. RFC 5246 §7.3 @module */
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8Decode, utf8ToBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { receiveApplicationData, sendApplicationData } from './handshake.ts';
import { readServerHello, sendClientKeyExchange, startClient } from './handshakeClient.ts';
import { answerClientFinished, answerClientHello } from './handshakeServer.ts';
import { describeRecord } from './inspect.ts';
import { encodeHandshakeMessage, parseHandshakeMessage, type ServerHello } from './messages.ts';
import { encodeRecord, parseRecord, sealRecord } from './record.ts';
import { errorCode, runHandshake, testServer } from './testFixtures.ts';

const { key, identity, certificate } = testServer;
const handshake = runHandshake;

const code = errorCode;

describe('TLS 1.2 RSA full handshake (RFC 5246 §7.3)', () => {
  it('both sides agree on the secrets and application data flows both ways', () => {
    const { client, server, clientKnowsServer } = handshake();
    expect(clientKnowsServer.certificates.map(bytesToHex)).toEqual([bytesToHex(certificate)]);
    expect(bytesToHex(client.masterSecret)).toBe(bytesToHex(server.masterSecret));
    expect(bytesToHex(client.preMasterSecret)).toBe(bytesToHex(server.preMasterSecret));

    const request = sendApplicationData(client, utf8ToBytes('GET /cart HTTP/1.1\r\nHost: shop.test\r\n\r\n'));
    const atServer = receiveApplicationData(server, request.records);
    expect(utf8Decode(atServer.data)).toMatch(/^GET \/cart/);
    const response = sendApplicationData(atServer.state, utf8ToBytes('HTTP/1.1 200 OK\r\n\r\ncard 4111'));
    const atClient = receiveApplicationData(client, response.records);
    expect(utf8Decode(atClient.data)).toBe('HTTP/1.1 200 OK\r\n\r\ncard 4111');

    // Finished took sequence number 0 in each direction, so application data starts at 1 (§6.1).
    expect(bytesToHex(request.records[0]!.subarray(5, 13))).toBe('0000000000000001');
    expect(atClient.state.read.seq).toBe(2);
  });

  it('replays byte for byte from the same seed, and differs for another', () => {
    const bytes = (seed: number) =>
      handshake(seed)
        .wire.map((w) => bytesToHex(w.record))
        .join('|');
    expect(bytes(7)).toBe(bytes(7));
    expect(bytes(7)).not.toBe(bytes(8));
  });

  it('puts the expected records on the wire, in order', () => {
    const { wire } = handshake();
    const types = wire.map((w) => `${w.from}:${parseRecord(w.record).contentType}`);
    expect(types).toEqual([
      'client:handshake', // ClientHello
      'server:handshake', // ServerHello
      'server:handshake', // Certificate
      'server:handshake', // ServerHelloDone
      'client:handshake', // ClientKeyExchange
      'client:change_cipher_spec',
      'client:handshake', // Finished, encrypted
      'server:change_cipher_spec',
      'server:handshake', // Finished, encrypted
    ]);
    // handshake, TLS 1.2, 80 bytes, client_hello
    expect(bytesToHex(wire[0]!.record.subarray(0, 6))).toBe('160303005001');
    // Encrypted Finished: 8-byte explicit nonce + 16-byte message + 16-byte tag.
    expect(parseRecord(wire[6]!.record).fragment.length).toBe(40);
    const inspected = describeRecord(wire[4]!.record).map((f) => f.name);
    expect(inspected).toContain('EncryptedPreMasterSecret');
    expect(describeRecord(wire[6]!.record, { encrypted: true }).map((f) => f.name)).toEqual([
      'content_type',
      'version',
      'length',
      'nonce_explicit',
      'ciphertext',
      'tag',
    ]);
  });

  it('a replayed or flipped application record is rejected', () => {
    const { client, server } = handshake();
    const sent = sendApplicationData(client, utf8ToBytes('transfer 10'));
    const once = receiveApplicationData(server, sent.records);
    expect(code(() => receiveApplicationData(once.state, sent.records))).toBe('BAD_RECORD_MAC');
    const flipped = sent.records[0]!.slice();
    flipped[20]! ^= 0x80;
    expect(code(() => receiveApplicationData(server, [flipped]))).toBe('BAD_RECORD_MAC');
  });

  it('a corrupted ClientKeyExchange gets no alert of its own: the server carries on and fails at Finished (§7.4.7.1)', () => {
    const corrupt = (records: Uint8Array[]) => {
      const out = records.map((r) => r.slice());
      out[0]![60]! ^= 0xff; // inside the EncryptedPreMasterSecret
      return out;
    };
    expect(code(() => handshake(1, { clientFlight2: corrupt }))).toBe('BAD_RECORD_MAC');
  });

  it('a forged client Finished is a DECRYPT_ERROR', () => {
    const rng = (label: string) => seededRng(Uint8Array.of(3), label);
    const [clientRng, serverRng] = [rng('client'), rng('server')];
    const hello = startClient(clientRng);
    const serverHello = answerClientHello(serverRng, identity, hello.records);
    const keyExchange = sendClientKeyExchange(
      clientRng,
      readServerHello(hello.state, serverHello.records),
      key.publicKey,
    );
    // Reseal a Finished with wrong verify_data under the client's real keys.
    const write = { ...keyExchange.state.write, seq: 0 };
    const forged = sealRecord(
      write,
      'handshake',
      encodeHandshakeMessage({ type: 'finished', verifyData: new Uint8Array(12) }),
    );
    const records = [...keyExchange.records.slice(0, 2), forged.record];
    expect(code(() => answerClientFinished(serverRng, serverHello.state, records))).toBe('DECRYPT_ERROR');
  });

  it('the server refuses a client that does not offer its suite', () => {
    const hello = encodeHandshakeMessage({
      type: 'client_hello',
      version: 0x0303,
      random: new Uint8Array(32),
      sessionId: new Uint8Array(0),
      cipherSuites: [0xc02f],
      compressionMethods: [0],
      extensions: [],
    });
    expect(
      code(() => answerClientHello(seededRng(Uint8Array.of(1)), identity, [encodeRecord('handshake', hello)])),
    ).toBe('HANDSHAKE_FAILURE');
  });

  it('signals secure renegotiation both ways (RFC 5746) and refuses a "renegotiation" on a first handshake', () => {
    const withHello = (cipherSuites: number[], extensions: { type: number; data: Uint8Array }[]) => [
      encodeRecord(
        'handshake',
        encodeHandshakeMessage({
          type: 'client_hello',
          version: 0x0303,
          random: new Uint8Array(32),
          sessionId: new Uint8Array(0),
          cipherSuites,
          compressionMethods: [0],
          extensions,
        }),
      ),
    ];
    const rng = seededRng(Uint8Array.of(9));
    const serverHelloOf = (records: Uint8Array[]) => parseHandshakeMessage(parseRecord(records[0]!).fragment);
    const viaScsv = answerClientHello(rng, identity, withHello([0x009c, 0x00ff], []));
    expect(serverHelloOf(viaScsv.records)).toMatchObject({ extensions: [{ type: 0xff01, data: Uint8Array.of(0) }] });
    const legacy = answerClientHello(rng, identity, withHello([0x009c], []));
    expect(serverHelloOf(legacy.records)).toMatchObject({ extensions: [] });
    const renegotiating = withHello([0x009c], [{ type: 0xff01, data: Uint8Array.of(1, 7) }]);
    expect(code(() => answerClientHello(rng, identity, renegotiating))).toBe('HANDSHAKE_FAILURE');

    const hello = startClient(rng);
    const serverHello = answerClientHello(rng, identity, hello.records);
    const [sh, ...rest] = serverHello.records;
    const tampered = encodeRecord(
      'handshake',
      encodeHandshakeMessage({
        ...(serverHelloOf([sh!]) as ServerHello),
        extensions: [{ type: 0xff01, data: Uint8Array.of(1, 7) }],
      }),
    );
    expect(code(() => readServerHello(hello.state, [tampered, ...rest]))).toBe('HANDSHAKE_FAILURE');
    const unasked = encodeRecord(
      'handshake',
      encodeHandshakeMessage({
        ...(serverHelloOf([sh!]) as ServerHello),
        extensions: [{ type: 0, data: new Uint8Array(0) }],
      }),
    );
    expect(code(() => readServerHello(hello.state, [unasked, ...rest]))).toBe('UNSUPPORTED_EXTENSION');
  });

  it('messages out of order are UNEXPECTED_MESSAGE', () => {
    const rng = seededRng(Uint8Array.of(4));
    const hello = startClient(rng);
    const serverHello = answerClientHello(rng, identity, hello.records);
    const [sh, cert, done] = serverHello.records;
    expect(code(() => readServerHello(hello.state, [cert!, sh!, done!]))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => readServerHello(hello.state, [sh!, cert!]))).toBe('UNEXPECTED_MESSAGE');
    expect(code(() => answerClientHello(rng, identity, serverHello.records))).toBe('UNEXPECTED_MESSAGE');
  });

  it('handshake messages may share a record or span several', () => {
    const rng = seededRng(Uint8Array.of(5));
    const hello = startClient(rng, { serverName: 'shop.test' });
    const serverHello = answerClientHello(rng, identity, hello.records);
    const stream = Uint8Array.from(serverHello.records.flatMap((r) => [...parseRecord(r).fragment]));
    const coalesced = [encodeRecord('handshake', stream)];
    const split = [encodeRecord('handshake', stream.subarray(0, 7)), encodeRecord('handshake', stream.subarray(7))];
    expect(readServerHello(hello.state, coalesced)).toEqual(readServerHello(hello.state, serverHello.records));
    expect(readServerHello(hello.state, split)).toEqual(readServerHello(hello.state, serverHello.records));
  });

  it('checks its arguments', () => {
    const rng = seededRng(Uint8Array.of(6));
    const hello = startClient(rng);
    expect(() => answerClientHello(rng, { ...identity, certificates: [] }, hello.records)).toThrow(/certificates/);
    const mismatched = { ...identity, keyPair: { ...key, privateKey: { n: 5n, d: 3n } } };
    expect(() => answerClientHello(rng, mismatched, hello.records)).toThrow(/keyPair/);
  });
});
