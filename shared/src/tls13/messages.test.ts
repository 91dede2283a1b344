import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes } from '../bytes/bytes.ts';
import { TlsError } from './errors.ts';
import { describeRecord } from './inspect.ts';
import {
  certificateVerifyContent,
  describeHandshakeMessage,
  downgradeSentinelOf,
  encodeCertificate,
  encodeCertificateVerify,
  encodeClientHello,
  encodeEncryptedExtensions,
  encodeFinished,
  encodeServerHello,
  parseCertificate,
  parseCertificateVerify,
  parseClientHello,
  parseEncryptedExtensions,
  parseFinished,
  parseHandshakeMessage,
  parseServerHello,
  splitHandshakeMessages,
} from './messages.ts';
import { RFC8448 as V } from './rfc8448.vectors.ts';
import type { WireField } from './wire.ts';

const hex = bytesToHex;
const RFC_MESSAGES = [
  V.clientHello,
  V.serverHello,
  V.encryptedExtensions,
  V.certificate,
  V.certificateVerify,
  V.serverFinished,
];

function error(fn: () => unknown): TlsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TlsError) return e;
    throw e;
  }
  throw new Error('expected a TlsError');
}

/** Fields are leaves: together they cover every byte once, in order. */
function expectTiling(fields: WireField[], length: number): void {
  let offset = 0;
  for (const f of fields) {
    expect(f.offset, f.name).toBe(offset);
    offset += f.length;
  }
  expect(offset).toBe(length);
}

/** A copy of `message` with a new body length in its header. */
const withBody = (type: number, body: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff), body);

describe('RFC 8448 §3 messages parse, and re-encode byte for byte', () => {
  it('ClientHello with extensions and suites the game does not use', () => {
    const ch = parseClientHello(V.clientHello);
    expect(ch.legacyVersion).toBe(0x0303);
    expect(ch.cipherSuites).toEqual([0x1301, 0x1303, 0x1302]);
    expect(ch.serverName).toBe('server');
    expect(ch.supportedVersions).toEqual([0x0304]);
    expect(ch.supportedGroups).toEqual([0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]);
    expect(ch.signatureAlgorithms).toHaveLength(15);
    expect(ch.keyShares).toEqual([{ group: 0x001d, keyExchange: V.clientPublicKey }]);
    expect(ch.extensions.map((e) => e.type)).toEqual([0, 0xff01, 10, 35, 51, 43, 13, 45, 28]);
    expect(hex(encodeClientHello(ch))).toBe(hex(V.clientHello));
  });

  it('ServerHello', () => {
    const sh = parseServerHello(V.serverHello);
    expect(sh).toMatchObject({ cipherSuite: 0x1301, selectedVersion: 0x0304, isHelloRetryRequest: false });
    expect(sh.downgradeSentinel).toBeUndefined();
    expect(sh.keyShare).toEqual({ group: 0x001d, keyExchange: V.serverPublicKey });
    expect(hex(encodeServerHello(sh))).toBe(hex(V.serverHello));
  });

  it('EncryptedExtensions, Certificate, CertificateVerify, Finished', () => {
    const ee = parseEncryptedExtensions(V.encryptedExtensions);
    expect(ee.extensions.map((e) => e.type)).toEqual([10, 28, 0]);
    expect(hex(encodeEncryptedExtensions(ee.extensions))).toBe(hex(V.encryptedExtensions));
    const cert = parseCertificate(V.certificate);
    expect(cert.certificateRequestContext.length).toBe(0);
    expect(cert.certificateList).toHaveLength(1);
    expect(cert.certificateList[0]!.certData.length).toBe(0x1b0);
    expect(hex(encodeCertificate([cert.certificateList[0]!.certData]))).toBe(hex(V.certificate));
    const cv = parseCertificateVerify(V.certificateVerify);
    expect(cv.algorithm).toBe(0x0804);
    expect(cv.signature.length).toBe(128);
    expect(hex(encodeCertificateVerify(cv.algorithm, cv.signature))).toBe(hex(V.certificateVerify));
    expect(hex(encodeFinished(parseFinished(V.serverFinished).verifyData))).toBe(hex(V.serverFinished));
  });

  it('splits the concatenated flight and dispatches on msg_type', () => {
    const flight = concatBytes(V.encryptedExtensions, V.certificate, V.certificateVerify, V.serverFinished);
    expect(splitHandshakeMessages(flight).map((m) => parseHandshakeMessage(m).type)).toEqual([
      'encrypted_extensions',
      'certificate',
      'certificate_verify',
      'finished',
    ]);
  });

  it('labels every byte of every message for the inspector', () => {
    for (const message of RFC_MESSAGES) {
      const { fields, error } = describeHandshakeMessage(message);
      expect(error).toBeUndefined();
      expectTiling(fields, message.length);
    }
    const ch = describeHandshakeMessage(V.clientHello).fields;
    expect(ch.slice(0, 4)).toMatchObject([
      { name: 'msg_type', offset: 0, length: 1, description: 'client_hello (1)' },
      { name: 'length', offset: 1, length: 3 },
      { name: 'legacy_version', offset: 4, length: 2 },
      { name: 'random', offset: 6, length: 32 },
    ]);
    expect(ch.find((f) => f.name === 'HostName')?.description).toBe('"server"');
    expect(ch.filter((f) => f.name === 'cipher_suite').map((f) => f.description)).toEqual([
      'TLS_AES_128_GCM_SHA256 (0x1301)',
      'TLS_CHACHA20_POLY1305_SHA256 (0x1303)',
      'TLS_AES_256_GCM_SHA384 (0x1302)',
    ]);
    const record = describeRecord(V.recordClientHello);
    expectTiling(record.fields, V.recordClientHello.length);
    expect(record.fields[4]).toMatchObject({ name: 'length', offset: 6, length: 3 });
  });
});

describe('strict parsing', () => {
  it('an odd cipher_suites length', () => {
    const bad = V.clientHello.slice();
    bad[39] = 0;
    bad[40] = 5; // cipher_suites length sits after header(4) + version(2) + random(32) + session id(1 + 0)
    const e = error(() => parseClientHello(bad));
    expect(e.code).toBe('DECODE_ERROR');
    expect(e.message).toMatch(/^ClientHello: cipher_suites length 5 is odd/);
    expect(e.alertDescription).toBe(50);
  });

  it('header length, trailing bytes, truncation', () => {
    expect(error(() => parseServerHello(V.serverHello.subarray(0, 50))).code).toBe('DECODE_ERROR');
    const trailing = withBody(2, concatBytes(V.serverHello.subarray(4), Uint8Array.of(0)));
    expect(error(() => parseServerHello(trailing)).message).toMatch(/ServerHello/);
    expect(error(() => parseFinished(withBody(20, new Uint8Array(31)))).code).toBe('DECODE_ERROR');
    expect(error(() => splitHandshakeMessages(V.certificate.subarray(0, 100))).code).toBe('DECODE_ERROR');
  });

  it('wrong or unknown message type is unexpected_message', () => {
    expect(error(() => parseClientHello(V.serverHello)).code).toBe('UNEXPECTED_MESSAGE');
    expect(error(() => parseHandshakeMessage(withBody(13, new Uint8Array(8)))).code).toBe('UNEXPECTED_MESSAGE');
  });

  it('a duplicated extension is illegal_parameter (§4.2)', () => {
    const ch = parseClientHello(V.clientHello);
    const twice = encodeClientHello({ ...ch, extensions: [...ch.extensions, ch.extensions[0]!] });
    expect(error(() => parseClientHello(twice)).code).toBe('ILLEGAL_PARAMETER');
  });

  it('a malformed known extension body is a decode_error naming the field', () => {
    const sh = parseServerHello(V.serverHello);
    const badVersions = encodeServerHello({
      ...sh,
      extensions: sh.extensions!.map((e) => (e.type === 43 ? { type: 43, data: Uint8Array.of(3) } : e)),
    });
    expect(error(() => parseServerHello(badVersions)).message).toMatch(/selected_version/);
  });
});

describe('§4.1.3 downgrade sentinel and §4.4.3 signed content', () => {
  it('recognises DOWNGRD 01 and DOWNGRD 00 in the last 8 bytes of random', () => {
    const random = new Uint8Array(32).fill(9);
    expect(downgradeSentinelOf(random)).toBeUndefined();
    random.set([0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01], 24);
    expect(downgradeSentinelOf(random)).toBe('TLS12');
    random[31] = 0;
    expect(downgradeSentinelOf(random)).toBe('TLS11');
  });

  it('CertificateVerify content is 64 spaces, the context string, 0 and the hash', () => {
    const content = certificateVerifyContent(new Uint8Array(32).fill(0xab));
    expect(content.length).toBe(64 + 33 + 1 + 32);
    expect(content.subarray(0, 64).every((b) => b === 0x20)).toBe(true);
    expect(new TextDecoder().decode(content.subarray(64, 97))).toBe('TLS 1.3, server CertificateVerify');
    expect(content[97]).toBe(0);
  });
});

describe('properties: parsers throw only TlsError', () => {
  const parseAll = (bytes: Uint8Array): void => {
    for (const parse of [
      parseHandshakeMessage,
      parseClientHello,
      parseServerHello,
      parseCertificate,
      splitHandshakeMessages,
    ]) {
      try {
        parse(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(TlsError);
      }
    }
    describeHandshakeMessage(bytes);
    describeRecord(bytes);
  };

  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), parseAll));
  });

  it('on random bytes behind a plausible header', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 8, 11, 15, 20), fc.uint8Array({ maxLength: 200 }), (type, body) =>
        parseAll(withBody(type, body)),
      ),
    );
  });

  it('on truncated and mutated RFC 8448 messages', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RFC_MESSAGES),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (m, cut, at, mask) => {
          parseAll(m.subarray(0, cut % m.length));
          const mutated = m.slice();
          mutated[at % m.length]! ^= mask;
          parseAll(mutated);
        },
      ),
      { numRuns: 300 },
    );
  });
});
