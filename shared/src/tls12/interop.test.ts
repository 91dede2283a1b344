/** Tests: interoperability with OpenSSL 3 in both roles over localhost. RFC 5246, RFC 5288 @module */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8Decode, utf8ToBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { sendAlert } from './alert.ts';
import { Tls12Error } from './errors.ts';
import { receiveApplicationData, sendApplicationData } from './handshake.ts';
import { readServerFinished, readServerHello, sendClientKeyExchange, startClient } from './handshakeClient.ts';
import { answerClientFinished, answerClientHello } from './handshakeServer.ts';
import { decryptRecordedSession, type RecordedRecord } from './leak.ts';
import { splitHandshakeMessages } from './messages.ts';
import { parseRecord, RECORD_HEADER_LENGTH } from './record.ts';

/*
 * Interoperability with a real TLS stack: Node's tls module (OpenSSL 3) on localhost at its default settings
 * (TLS 1.2 and 1.3, its default suites, tickets on): the engine offers and answers only TLS 1.2 with
 * AES128-GCM-SHA256 (OpenSSL's name for TLS_RSA_WITH_AES_128_GCM_SHA256), which the defaults allow. If OpenSSL
 * completes the handshake and exchanges data with us in both roles, the bytes are what RFC 5246 and
 * RFC 5288 say, which is also what Wireshark decodes. Test-only I/O; the engine itself stays pure.
 */

/** "CLIENT_RANDOM <client random> <master secret>" (NSS key log format), as node:tls emits it. */
const clientRandomLine = (clientRandom: Uint8Array, masterSecret: Uint8Array) =>
  `CLIENT_RANDOM ${Buffer.from(clientRandom).toString('hex')} ${Buffer.from(masterSecret).toString('hex')}`;
const bigintOf = (b64url: string | undefined) => BigInt(`0x${Buffer.from(b64url!, 'base64url').toString('hex')}`);
const jwk = createPrivateKey(KEY_PEM()).export({ format: 'jwk' });
const keyPair = {
  publicKey: { n: bigintOf(jwk.n), e: bigintOf(jwk.e) },
  privateKey: { n: bigintOf(jwk.n), d: bigintOf(jwk.d) },
};
const certificateDer = new Uint8Array(new X509Certificate(CERT_PEM()).raw);

/** Reads whole records off a TCP socket, and keeps every record for the eavesdropper. */
class RecordReader {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(
    socket: Socket,
    private readonly from: 'client' | 'server',
    private readonly tap: RecordedRecord[],
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  async next(): Promise<Uint8Array> {
    for (;;) {
      if (this.buffer.length >= RECORD_HEADER_LENGTH) {
        const length = RECORD_HEADER_LENGTH + this.buffer.readUInt16BE(3);
        if (this.buffer.length >= length) {
          const record = new Uint8Array(this.buffer.subarray(0, length));
          this.buffer = this.buffer.subarray(length);
          this.tap.push({ from: this.from, record });
          return record;
        }
      }
      if (this.ended) throw new Error('connection closed');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Records up to and including the one that completes a handshake message of `type`. */
  async untilHandshake(type: number): Promise<Uint8Array[]> {
    const records: Uint8Array[] = [];
    let stream = new Uint8Array(0);
    for (;;) {
      const record = await this.next();
      records.push(record);
      stream = Uint8Array.of(...stream, ...parseRecord(record).fragment);
      if (splitHandshakeMessages(stream).messages.some((m) => m[0] === type)) return records;
    }
  }

  /** Records up to ChangeCipherSpec, then the one protected record after it. */
  async untilFinished(): Promise<Uint8Array[]> {
    const records: Uint8Array[] = [];
    for (;;) {
      const record = await this.next();
      records.push(record);
      if (record[0] === 20) break;
    }
    records.push(await this.next());
    return records;
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

describe('interoperability with OpenSSL (Node tls), TLS 1.2 TLS_RSA_WITH_AES_128_GCM_SHA256', () => {
  it('our client completes a handshake with an OpenSSL server and exchanges data', async () => {
    const server = createTlsServer(
      { key: KEY_PEM(), cert: CERT_PEM() }, // node:tls defaults: TLS 1.2 and 1.3, every default suite, tickets on
      (socket) => socket.on('data', (d) => socket.write(`echo: ${d}`)),
    );
    const keylog: string[] = [];
    server.on('keylog', (line: Buffer) => keylog.push(line.toString().trim()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup.push(() => server.close());
    const socket = tcpConnect((server.address() as { port: number }).port, '127.0.0.1');
    cleanup.push(() => socket.destroy());
    await once(socket, 'connect');
    const wire: RecordedRecord[] = [];
    const fromServer = new RecordReader(socket, 'server', wire);
    const send = (records: Uint8Array[]) => {
      for (const record of records) {
        wire.push({ from: 'client', record });
        socket.write(record);
      }
    };

    const rng = seededRng(Uint8Array.of(42), 'interop-client');
    const hello = startClient(rng, { serverName: 'shop.test' });
    send(hello.records);
    const serverKey = readServerHello(hello.state, await fromServer.untilHandshake(14));
    expect(serverKey.certificates[0]).toEqual(certificateDer);
    // The caller extracts the key from the certificate (x509 in the game; Node here).
    const pub = new X509Certificate(Buffer.from(serverKey.certificates[0]!)).publicKey.export({ format: 'jwk' });
    const keyExchange = sendClientKeyExchange(rng, serverKey, { n: bigintOf(pub.n), e: bigintOf(pub.e) });
    send(keyExchange.records);
    const connection = readServerFinished(keyExchange.state, await fromServer.untilFinished());

    send(sendApplicationData(connection, utf8ToBytes('hello from Handshake')).records);
    const answer = receiveApplicationData(connection, [await fromServer.next()]);
    expect(utf8Decode(answer.data)).toBe('echo: hello from Handshake');
    expect(keylog).toEqual([clientRandomLine(connection.clientRandom, connection.masterSecret)]);

    const recovered = decryptRecordedSession(keyPair.privateKey, wire);
    expect(recovered.applicationData.map((d) => utf8Decode(d.data))).toEqual([
      'hello from Handshake',
      'echo: hello from Handshake',
    ]);
  });

  it('an OpenSSL client completes a handshake with our server and exchanges data', async () => {
    const wire: RecordedRecord[] = [];
    const keylog: string[] = [];
    let engineSecret = '';
    const served = new Promise<string>((resolve, reject) => {
      const server = createServer(async (socket) => {
        cleanup.push(() => socket.destroy());
        try {
          const fromClient = new RecordReader(socket, 'client', wire);
          const send = (records: Uint8Array[]) => {
            for (const record of records) {
              wire.push({ from: 'server', record });
              socket.write(record);
            }
          };
          const rng = seededRng(Uint8Array.of(43), 'interop-server');
          const identity = { certificates: [certificateDer], keyPair };
          const hello = answerClientHello(rng, identity, await fromClient.untilHandshake(1));
          send(hello.records);
          const finished = answerClientFinished(rng, hello.state, await fromClient.untilFinished());
          send(finished.records);
          engineSecret = clientRandomLine(finished.state.clientRandom, finished.state.masterSecret);
          const request = receiveApplicationData(finished.state, [await fromClient.next()]);
          send(sendApplicationData(request.state, utf8ToBytes(`echo: ${utf8Decode(request.data)}`)).records);
          resolve(utf8Decode(request.data));
        } catch (error) {
          reject(error);
        }
      });
      server.listen(0, '127.0.0.1', () => {
        const client = tlsConnect({
          port: (server.address() as { port: number }).port,
          host: '127.0.0.1',
          servername: 'shop.test',
          ca: CERT_PEM(), // otherwise node:tls defaults: it offers TLS 1.3 too, and takes our TLS 1.2 answer
        });
        cleanup.push(() => client.destroy());
        client.on('keylog', (line) => keylog.push(line.toString().trim()));
        client.on('secureConnect', () => client.write('hello from OpenSSL'));
        client.on('data', (d) => {
          expect(d.toString()).toBe('echo: hello from OpenSSL');
          expect(client.getCipher().standardName).toBe('TLS_RSA_WITH_AES_128_GCM_SHA256');
          expect(client.getProtocol()).toBe('TLSv1.2');
          client.end();
        });
        client.on('error', reject);
      });
      cleanup.push(() => server.close());
    });
    expect(await served).toBe('hello from OpenSSL');
    // OpenSSL also logs "RSA <first 8 bytes of the encrypted premaster> <premaster>"; the master secret is what decrypts.
    expect(keylog.filter((l) => l.startsWith('CLIENT_RANDOM'))).toEqual([engineSecret]);
    const recovered = decryptRecordedSession(keyPair.privateKey, wire);
    expect(recovered.applicationData.map((d) => utf8Decode(d.data))).toEqual([
      'hello from OpenSSL',
      'echo: hello from OpenSSL',
    ]);
  });

  it('a tampered record from OpenSSL is answered by a sealed bad_record_mac alert that OpenSSL names', async () => {
    let served: Promise<string> = Promise.resolve('');
    const server = createServer((socket) => {
      cleanup.push(() => socket.destroy());
      served = (async () => {
        const fromClient = new RecordReader(socket, 'client', []);
        const rng = seededRng(Uint8Array.of(44), 'interop-alert');
        const identity = { certificates: [certificateDer], keyPair };
        const hello = answerClientHello(rng, identity, await fromClient.untilHandshake(1));
        for (const r of hello.records) socket.write(r);
        const finished = answerClientFinished(rng, hello.state, await fromClient.untilFinished());
        for (const r of finished.records) socket.write(r);
        const tampered = (await fromClient.next()).slice();
        tampered[tampered.length - 3]! ^= 0x10;
        try {
          receiveApplicationData(finished.state, [tampered]);
          return 'accepted';
        } catch (error) {
          if (!(error instanceof Tls12Error)) throw error;
          socket.end(sendAlert(finished.state, error).record);
          return error.code;
        }
      })();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup.push(() => server.close());
    const client = tlsConnect({
      port: (server.address() as { port: number }).port,
      host: '127.0.0.1',
      servername: 'shop.test',
      ca: CERT_PEM(),
    });
    cleanup.push(() => client.destroy());
    client.on('secureConnect', () => client.write('password=hunter2'));
    const [error] = (await once(client, 'error')) as [Error & { code?: string }];
    expect(await served).toBe('BAD_RECORD_MAC');
    expect(error.code).toBe('ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC');
  });
});

// A throwaway RSA-2048 key and self-signed certificate for CN=shop.test (openssl req -x509, valid 100 years).
function KEY_PEM(): string {
  return `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCkDXznWbhhiSQj
uGCsL0ALwqiR2iAE1Z8aendR2eosaGgeYzAN4lTC23jGMld1w+Zo+g1mZfDijA5h
ZTm7slosgrxboJsKXrPENfLcjauq3GQQjxJqkqM3ntwKTj601AtSS3a4w/nqbCpq
JHI+6VfZnTnWuyIYXA5kAHxYU7ruxzP38LTU0wCLwyQoVqkJvJDEk1VPhmuTI/XS
nn22gZO04Sdvuq5fgyhY7+veDjARNHtPu+4XtIa//hx8kmVZvixcb6xi77FkS3Di
r1geOiK8RCiZ88Vfs8XvTb6fXpzJxWgrI02j8Cc3OWkmf2uOdi+AHkEUyVZKqCDt
Gy3N/RvRAgMBAAECggEAKq5RqTUX+dQ+wUZWbGWsoYKm7a9Utj1HtBFZmsN5n80Y
DZPbrDkOuVV1QgdV5s8tUnF/6/yoo6Axm5hE4Xbg7ASlcadCvvtthKZOhaAcIgtN
w1sdvPlimnVrpQi/WrdyLJpyjFZ8Xkd+73eE+6Yk03qK0jmEgNbubYkM0MQT9cwV
3qlkIEULabKWk+WPfmi33r6hOX88A25h9kkY5wRzElg2pZ9ByifXXTQTzM+wWwnJ
Jt2PoMNvYiaNN90R233dJ3OHd6EjCQqsDazgCx2e41G3rSf1CHUWEMbZ6z5I2mjj
jXKdgQnOph4mT43EmMoc7d0Q+UInEQrujXYT09vDewKBgQDdZWdkdtPY/QxciT40
aYVl7ydkk1c8+BIiIfHsCrrWcP/6L6MCB6HHtEotf1DHg7PJhDwPBixREITcSOl6
ri3VBnxz+QB3UQnhCsO6vBlSqIkKT/esX87E/gE4NZ96CooVttynI4W/1Jc0fvD3
TnCJkFfsyrFrmbKNxXghiucNnwKBgQC9saJp1DGP4VJ89qYdzI6LwERAMD6vH//m
yw+KOs/BB4DM85yJD6j2Fifk9VM/cqmkmFucs2RWqbOe3Dhd422tuvh0PE/saVZH
s8/uymJsxh7u1Li/nwdLuwBRQuTuvgjSg1FVcAIHmH4evPsG9fBRNEb1Yxzb6/za
9Fa/sMOAjwKBgBad8FUECppFJ4kggBlMmlMSfly47JWO5hNUkmlBo1qaypudWDKx
4uYK1fUV54OqQaiZeKU0RTy2ykvSqv9cYdQ8SGR0kIaf4bl6pwohgxi9nNpP1wZl
9zKKnEdIuxT1lKupNZthdp1lM1kqiqVI/xgehczr2/oZBnOTM7WBgh8TAoGBALFD
H5x5d98WFflEm7LZBpO9lYnOC6Wm54GKW/k2QBIHqura83p5MdDUn28reSGfSrvO
zD1AvhDmAD4BWIMUFdf1Elu8SIuJW+EhPLvOT++JrDpOel5Gg5DXLNLDCh+3YZMm
t4h5ZMwoSiL7QjEc/fdEPNLuTXeNrPoGvlHfIrItAoGAMjJN2Jd1vr9Bziixj+PD
+xvgbdZsP8sNBN1YXLCs0zLPEPwyB4GELUt+vOBUoh2I50Ap/M9KOWmGvTMBuLyX
BHVImfauX2yXgsW9pjl7D5KsW3cnEPxbuzJI5CBBcprE9adzN8nJUcCxbW4HS96+
mQEcXcZoO69Da4pGDq00J2M=
-----END PRIVATE KEY-----`;
}

function CERT_PEM(): string {
  return `-----BEGIN CERTIFICATE-----
MIIDITCCAgmgAwIBAgIUSbwqE+p/XlZ7ulYpEY9ak5P3bKowDQYJKoZIhvcNAQEL
BQAwFDESMBAGA1UEAwwJc2hvcC50ZXN0MCAXDTI2MTEyNTIzMDY0OVoYDzIxMjYx
MTAxMjMwNjQ5WjAUMRIwEAYDVQQDDAlzaG9wLnRlc3QwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQCkDXznWbhhiSQjuGCsL0ALwqiR2iAE1Z8aendR2eos
aGgeYzAN4lTC23jGMld1w+Zo+g1mZfDijA5hZTm7slosgrxboJsKXrPENfLcjauq
3GQQjxJqkqM3ntwKTj601AtSS3a4w/nqbCpqJHI+6VfZnTnWuyIYXA5kAHxYU7ru
xzP38LTU0wCLwyQoVqkJvJDEk1VPhmuTI/XSnn22gZO04Sdvuq5fgyhY7+veDjAR
NHtPu+4XtIa//hx8kmVZvixcb6xi77FkS3Dir1geOiK8RCiZ88Vfs8XvTb6fXpzJ
xWgrI02j8Cc3OWkmf2uOdi+AHkEUyVZKqCDtGy3N/RvRAgMBAAGjaTBnMB0GA1Ud
DgQWBBTWpxEDAvwK6dVVnspLeBk7YmSUVzAfBgNVHSMEGDAWgBTWpxEDAvwK6dVV
nspLeBk7YmSUVzAPBgNVHRMBAf8EBTADAQH/MBQGA1UdEQQNMAuCCXNob3AudGVz
dDANBgkqhkiG9w0BAQsFAAOCAQEAlhkAgziB2eZQnFd1tnHQeOeAs9aAyNQ5ClSB
tCC5nk529VDZSXasKeOjYShuL2DQ6vNwPQdUfaVknUx0QYRmCPY/YtXov+tErw4w
XBPRRNx5xgRfDzoKhZCwq3AzSQEO47IvOfy2h3WvR+3MZWiOFj02g1W7ZqigiRBR
k1+QdO+OsYEZRKbjk55oskL4OMQYJMUVw8ZyMf9/JkLruLAeQWQJBDVVGF0t9o7p
kvBp5gcM8+1IwzxzXR6P8QRdIRTE6dnGaI6gJfHzQ9gw5c2kb53XBo6BTTQNgokB
q4bbMbua2bxhWN7DVkU1RvCxVLOAU1tn/Gi1VXX4fntIlriNKw==
-----END CERTIFICATE-----`;
}
