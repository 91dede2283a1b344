/** Tests: handshake message encoding, strict parsing, labelled fields, fuzzing. RFC 5246 §7.4 @module */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';
import {
  renegotiationInfoExtension,
  serverNameExtension,
  serverNameOf,
  signatureAlgorithmsExtension,
} from './extensions.ts';
import {
  type ClientHello,
  describeHandshakeMessage,
  encodeHandshakeMessage,
  type HandshakeMessage,
  parseChangeCipherSpec,
  parseHandshakeMessage,
  splitHandshakeMessages,
} from './messages.ts';

/** Hex with spaces for readability. */
const hex = (text: string) => hexToBytes(text.replace(/ /g, ''));
const random = (byte: number) => new Uint8Array(32).fill(byte);

const clientHello: HandshakeMessage = {
  type: 'client_hello',
  version: 0x0303,
  random: random(0xaa),
  sessionId: new Uint8Array(0),
  cipherSuites: [0x009c],
  compressionMethods: [0],
  extensions: [serverNameExtension('shop.test')],
};

const samples: HandshakeMessage[] = [
  clientHello,
  { ...clientHello, extensions: [], sessionId: new Uint8Array(32).fill(7), cipherSuites: [0xc02f, 0x009c, 0x00ff] },
  {
    ...clientHello,
    extensions: [
      serverNameExtension('shop.test'),
      signatureAlgorithmsExtension(),
      renegotiationInfoExtension(),
      { type: 23, data: new Uint8Array(0) },
      { type: 0x1234, data: Uint8Array.of(1, 2, 3) },
    ],
  },
  {
    type: 'server_hello',
    version: 0x0303,
    random: random(0xbb),
    sessionId: new Uint8Array(0),
    cipherSuite: 0x009c,
    compressionMethod: 0,
    extensions: [{ type: 0, data: new Uint8Array(0) }, renegotiationInfoExtension()],
  },
  { type: 'certificate', certificateList: [Uint8Array.of(0x30, 0x03, 1, 2, 3), Uint8Array.of(0x30, 0)] },
  { type: 'certificate', certificateList: [] },
  { type: 'server_hello_done' },
  { type: 'client_key_exchange', encryptedPreMasterSecret: new Uint8Array(128).fill(0x5a) },
  { type: 'finished', verifyData: new Uint8Array(12).fill(0x0f) },
];

const expectTls12Error = (f: () => unknown, code?: string) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(Tls12Error);
    if (code) expect((error as Tls12Error).code).toBe(code);
    return (error as Tls12Error).message;
  }
  throw new Error('expected a Tls12Error');
};

describe('handshake messages (RFC 5246 §7.4)', () => {
  it('encodes a ClientHello byte for byte', () => {
    const expected = [
      '01',
      '00003d', // msg_type client_hello, length 61
      '0303',
      'aa'.repeat(32), // client_version, random
      '00', // session_id <0..32>
      '0002',
      '009c', // cipher_suites
      '01',
      '00', // compression_methods: null
      '0012', // extensions length 18
      '0000',
      '000e', // server_name, extension_data length 14
      '000c',
      '00',
      '0009',
      '73686f702e74657374', // server_name_list: host_name "shop.test" (RFC 6066 §3)
    ].join('');
    expect(bytesToHex(encodeHandshakeMessage(clientHello))).toBe(expected);
    expect(serverNameOf((parseHandshakeMessage(hexToBytes(expected)) as ClientHello).extensions)).toBe('shop.test');
  });

  it('encodes Finished, ServerHelloDone and ClientKeyExchange with their headers', () => {
    expect(bytesToHex(encodeHandshakeMessage({ type: 'server_hello_done' }))).toBe('0e000000');
    expect(bytesToHex(encodeHandshakeMessage(samples[8]!))).toBe(`1400000c${'0f'.repeat(12)}`);
    expect(bytesToHex(encodeHandshakeMessage(samples[7]!))).toBe(`100000820080${'5a'.repeat(128)}`);
  });

  it('parses what it encodes', () => {
    for (const message of samples) expect(parseHandshakeMessage(encodeHandshakeMessage(message))).toEqual(message);
  });

  it('rejects trailing bytes, truncation and out-of-range fields with a readable sentence', () => {
    const bytes = encodeHandshakeMessage(clientHello);
    expect(expectTls12Error(() => parseHandshakeMessage(Uint8Array.of(...bytes, 0)), 'DECODE_ERROR')).toMatch(
      /unexpected bytes/,
    );
    expectTls12Error(() => parseHandshakeMessage(bytes.subarray(0, bytes.length - 1)), 'DECODE_ERROR');
    const longSession = hexToBytes(`010000230303${'00'.repeat(32)}21`);
    expect(expectTls12Error(() => parseHandshakeMessage(longSession), 'DECODE_ERROR')).toMatch(
      /session_id is 33 bytes/,
    );
    const oddSuites = hexToBytes(`0100002c0303${'00'.repeat(32)}00000300010203010000`);
    expectTls12Error(() => parseHandshakeMessage(oddSuites), 'DECODE_ERROR');
    expectTls12Error(() => parseHandshakeMessage(hexToBytes('0e00000100')), 'DECODE_ERROR'); // ServerHelloDone has no body
    expectTls12Error(() => parseHandshakeMessage(hexToBytes(`1400000b${'00'.repeat(11)}`)), 'DECODE_ERROR');
    expectTls12Error(() => parseHandshakeMessage(hex('10000002 0000')), 'DECODE_ERROR'); // empty EncryptedPreMasterSecret
    expectTls12Error(() => parseHandshakeMessage(hexToBytes('63000000')), 'UNEXPECTED_MESSAGE');
  });

  it('rejects a duplicated extension and a malformed server_name', () => {
    const prefix = bytesToHex(encodeHandshakeMessage({ ...clientHello, extensions: [] }).subarray(4));
    const length = (hexText: string, bytes: number) =>
      (hexText.replace(/ /g, '').length / 2).toString(16).padStart(2 * bytes, '0');
    const withExtensions = (exts: string) => {
      const body = `${prefix}${length(exts, 2)}${exts}`;
      return hex(`01 ${length(body, 3)} ${body}`);
    };
    const sni = '0000 000e 000c 00 0009 73686f702e74657374'; // server_name: host_name "shop.test"
    expect(parseHandshakeMessage(withExtensions(sni))).toEqual(clientHello);
    expect(expectTls12Error(() => parseHandshakeMessage(withExtensions(`${sni} ${sni}`)))).toMatch(/appears twice/);
    const nameType1 = '0000 000e 000c 01 0009 73686f702e74657374';
    expect(expectTls12Error(() => parseHandshakeMessage(withExtensions(nameType1)))).toMatch(/name type 1/);
    const emptyName = '0000 0005 0003 00 0000';
    expect(expectTls12Error(() => parseHandshakeMessage(withExtensions(emptyName)))).toMatch(/HostName is 0 bytes/);
    const trailingDot = '0000 000a 0008 00 0005 73686f702e';
    expect(expectTls12Error(() => parseHandshakeMessage(withExtensions(trailingDot)))).toMatch(/trailing dot/);
  });

  it('signature_algorithms and renegotiation_info are parsed strictly', () => {
    const serverHello = (exts: string) =>
      hexToBytes(
        `02${(38 + 2 + exts.length / 2).toString(16).padStart(6, '0')}0303${'00'.repeat(32)}00009c00${(exts.length / 2).toString(16).padStart(4, '0')}${exts}`,
      );
    expect(parseHandshakeMessage(serverHello('ff01000100'))).toMatchObject({ extensions: [{ type: 0xff01 }] });
    expectTls12Error(() => parseHandshakeMessage(serverHello('ff0100020200')), 'DECODE_ERROR'); // claims 2 bytes, 1 follows
    expectTls12Error(() => parseHandshakeMessage(serverHello('ff01000101')), 'DECODE_ERROR');
    expect(expectTls12Error(() => parseHandshakeMessage(serverHello('000d000400020401')))).toMatch(
      /must not send signature_algorithms/,
    );
    expectTls12Error(() => parseHandshakeMessage(serverHello('0000000100')), 'DECODE_ERROR'); // server_name ack must be empty
    const sigalgs = describeHandshakeMessage(encodeHandshakeMessage(samples[2]!)).filter(
      (f) => f.name === 'SignatureAndHashAlgorithm',
    );
    expect(sigalgs.map((f) => f.description)).toEqual(['rsa_pkcs1_sha256', 'ed25519']);
  });

  it('ChangeCipherSpec is exactly 01', () => {
    parseChangeCipherSpec(Uint8Array.of(1));
    expectTls12Error(() => parseChangeCipherSpec(Uint8Array.of(2)), 'DECODE_ERROR');
    expectTls12Error(() => parseChangeCipherSpec(Uint8Array.of(1, 1)), 'DECODE_ERROR');
  });

  it('splits a stream into whole messages and keeps the unfinished tail', () => {
    const a = encodeHandshakeMessage(samples[3]!);
    const b = encodeHandshakeMessage(samples[6]!);
    const stream = Uint8Array.of(...a, ...b, ...a.subarray(0, 10));
    const { messages, rest } = splitHandshakeMessages(stream);
    expect(messages.map(bytesToHex)).toEqual([bytesToHex(a), bytesToHex(b)]);
    expect(bytesToHex(rest)).toBe(bytesToHex(a.subarray(0, 10)));
  });
});

describe('labelled fields for the hex inspector', () => {
  it('tile every message exactly, in order', () => {
    for (const message of samples) {
      const bytes = encodeHandshakeMessage(message);
      const fields = describeHandshakeMessage(bytes);
      let end = 0;
      for (const f of fields) {
        expect(f.offset).toBe(end);
        expect(f.description.length).toBeGreaterThan(0);
        end = f.offset + f.length;
      }
      expect(end).toBe(bytes.length);
    }
  });

  it('names the ClientHello fields', () => {
    const fields = describeHandshakeMessage(encodeHandshakeMessage(clientHello));
    expect(fields.map((f) => f.name)).toContain('cipher_suite');
    expect(fields.find((f) => f.name === 'cipher_suite')?.description).toMatch(/TLS_RSA_WITH_AES_128_GCM_SHA256/);
    expect(fields.find((f) => f.name === 'HostName')?.description).toMatch(/shop\.test/);
  });

  it('ends a malformed message with a `malformed` field instead of throwing', () => {
    const bytes = encodeHandshakeMessage(clientHello).subarray(0, 40);
    const fields = describeHandshakeMessage(bytes);
    expect(fields.at(-1)?.name).toBe('malformed');
  });
});

describe('parser fuzzing', () => {
  it('random bytes: only Tls12Error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseHandshakeMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Tls12Error);
        }
        describeHandshakeMessage(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('random bytes behind a valid header: only Tls12Error', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 11, 14, 16, 20), fc.uint8Array({ maxLength: 200 }), (type, body) => {
        const bytes = Uint8Array.of(type, 0, body.length >> 8, body.length & 0xff, ...body);
        try {
          parseHandshakeMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Tls12Error);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every truncation and every single-byte change of a valid message: parses or throws Tls12Error', () => {
    for (const message of samples) {
      const bytes = encodeHandshakeMessage(message);
      for (let cut = 0; cut < bytes.length; cut++)
        expectTls12Error(() => parseHandshakeMessage(bytes.subarray(0, cut)));
    }
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.nat(), fc.integer({ min: 1, max: 255 }), (message, at, delta) => {
        const bytes = encodeHandshakeMessage(message);
        bytes[at % bytes.length]! ^= delta;
        try {
          parseHandshakeMessage(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Tls12Error);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
