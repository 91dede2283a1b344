/** Tests: interoperability with OpenSSL 3 through node:tls at its default settings, in both roles, over loopback. RFC 8446 @module */
import { spawn } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex, utf8Decode, utf8ToBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { buildCertificate } from '../x509/certificate.ts';
import {
  type EcdsaP256KeyPair,
  type Ed25519KeyPair,
  generateEcdsaP256KeyPair,
  generateEd25519KeyPair,
  type KeyPair,
  publicKeyOf,
  type SubjectPublicKey,
} from '../x509/keys.ts';
import { itWithOpenssl, toPem } from '../x509/testFixtures.ts';
import { validateCertificateChain } from '../x509/validate.ts';
import { certificateRefusal } from './certificateAlert.ts';
import {
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientReadServerReply,
  clientVerifyServer,
} from './client.ts';
import {
  type Connection,
  openApplicationData,
  sealAlert,
  sealApplicationData,
  sealKeyUpdate,
  sealNewSessionTicket,
} from './connection.ts';
import { type CipherSuite, ContentType, KEY_LENGTH, NamedGroup, SignatureScheme } from './constants.ts';
import { TlsAlertReceived, TlsError } from './errors.ts';
import { clientAlertRecord } from './handshakeAlert.ts';
import type { KeyShareGroup } from './keyExchange.ts';
import { trafficKeys } from './keySchedule.ts';
import { parseClientHello } from './messages.ts';
import { openRecord, RECORD_HEADER_LENGTH } from './record.ts';
import {
  type ServerConfig,
  type ServerFlight,
  serverReadClientFinished,
  serverReadRetriedClientHello,
  serverRespond,
} from './server.ts';

/*
 * A real TLS 1.3 stack on the other end: Node's tls module (OpenSSL 3) with its defaults — every suite and group
 * it enables, session tickets on, middlebox-compatibility change_cipher_spec records. If OpenSSL completes the
 * handshake, keeps talking after its tickets and key updates, derives the same secrets, and reports the alerts we
 * send by name, the engine speaks RFC 8446. Test-only I/O; the engine itself stays pure.
 */

const X25519 = NamedGroup.x25519;
const P256 = NamedGroup.secp256r1;
const SCHEMES = [SignatureScheme.ed25519, SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.rsa_pss_rsae_sha256];
const SUITES = [
  ['TLS_AES_128_GCM_SHA256', 0x1301],
  ['TLS_CHACHA20_POLY1305_SHA256', 0x1303],
] as const;
const NAME = 'shop.example';
const now = () => Math.floor(Date.now() / 1000);
const rngFor = (label: string) => seededRng(utf8ToBytes('tls13 interop'), label);
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const bigintOf = (b64url: string | undefined) => BigInt(`0x${Buffer.from(b64url!, 'base64url').toString('hex')}`);

// ——— a small PKI: an Ed25519 root and three server identities (Ed25519, ECDSA P-256, RSA from node:crypto) ———

const rootKey = generateEd25519KeyPair(rngFor('root'));
const rootDer = buildCertificate({
  serial: 1n,
  issuerCN: 'Handshake Interop Root',
  subjectCN: 'Handshake Interop Root',
  notBefore: now() - 86_400,
  notAfter: now() + 30 * 86_400,
  dnsNames: [],
  isCA: true,
  subjectPublicKey: publicKeyOf(rootKey),
  issuerKey: rootKey,
});
const rootPem = toPem(rootDer, 'CERTIFICATE');

interface Identity {
  name: string;
  leafDer: Uint8Array;
  /** PEM, for node:tls. */
  nodeKey: string;
  /** What the engine signs with when it is the server (no RSA signing: the engine only verifies RSA-PSS). */
  engineKey?: ServerConfig['signingKey'];
}

function leafFor(
  subjectPublicKey: SubjectPublicKey,
  serial: bigint,
  keyUsage?: ('digitalSignature' | 'keyEncipherment')[],
) {
  return buildCertificate({
    serial,
    issuerCN: 'Handshake Interop Root',
    subjectCN: NAME,
    notBefore: now() - 86_400,
    notAfter: now() + 30 * 86_400,
    dnsNames: [NAME],
    isCA: false,
    subjectPublicKey,
    issuerKey: rootKey,
    ...(keyUsage ? { keyUsage } : {}),
  });
}

function nodeKeyOf(pair: Ed25519KeyPair | EcdsaP256KeyPair): string {
  const jwk =
    pair.algorithm === 'Ed25519'
      ? { kty: 'OKP', crv: 'Ed25519', d: b64u(pair.privateKey), x: b64u(pair.publicKey) }
      : {
          kty: 'EC',
          crv: 'P-256',
          d: b64u(pair.privateKey),
          x: b64u(pair.publicKey.subarray(1, 33)),
          y: b64u(pair.publicKey.subarray(33)),
        };
  return pemOf(createPrivateKey({ key: jwk, format: 'jwk' }));
}

function identity(name: string, pair: Ed25519KeyPair | EcdsaP256KeyPair, serial: bigint): Identity {
  return { name, leafDer: leafFor(publicKeyOf(pair as KeyPair), serial), nodeKey: nodeKeyOf(pair), engineKey: pair };
}

const pemOf = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJwk = rsa.publicKey.export({ format: 'jwk' });
const IDENTITIES = {
  Ed25519: identity('Ed25519', generateEd25519KeyPair(rngFor('ed25519 leaf')), 2n),
  'ECDSA P-256': identity('ECDSA P-256', generateEcdsaP256KeyPair(rngFor('p256 leaf')), 3n),
  RSA: {
    name: 'RSA',
    // TLS 1.3 signs with the RSA key (RSA-PSS), so the certificate allows digitalSignature.
    leafDer: leafFor({ algorithm: 'RSA', key: { n: bigintOf(rsaJwk.n), e: bigintOf(rsaJwk.e) } }, 4n, [
      'digitalSignature',
      'keyEncipherment',
    ]),
    nodeKey: pemOf(rsa.privateKey),
  },
} satisfies Record<string, Identity>;

// ——— plumbing ———

/** Whole records off a TCP socket; `undefined` once the peer closed. */
class RecordReader {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    const end = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', end);
    socket.on('error', end);
  }

  async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      if (this.buffer.length >= RECORD_HEADER_LENGTH) {
        const length = RECORD_HEADER_LENGTH + this.buffer.readUInt16BE(3);
        if (this.buffer.length >= length) {
          const record = new Uint8Array(this.buffer.subarray(0, length));
          this.buffer = this.buffer.subarray(length);
          return record;
        }
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  async required(): Promise<Uint8Array> {
    const record = await this.next();
    if (!record) throw new Error('the peer closed the connection');
    return record;
  }

  /** The next record of `type`, skipping middlebox-compatibility change_cipher_spec records (§D.4). */
  async nextOf(type: number): Promise<Uint8Array> {
    for (;;) {
      const record = await this.required();
      if (record[0] === ContentType.change_cipher_spec) continue;
      if (record[0] !== type && record[0] !== ContentType.alert)
        throw new Error(`expected a record of type ${type}, got ${record[0]}`);
      return record;
    }
  }
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** "CLIENT_HANDSHAKE_TRAFFIC_SECRET <random> <secret>" lines → { label: secret hex }. */
function keylogOf(lines: string[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => l.trim().split(' ')).map(([label, , secret]) => [label!, secret!]));
}

async function nodeServer(id: Identity, options: { ecdhCurve?: string } = {}) {
  const keylog: string[] = [];
  const errors: Error[] = [];
  const server = createTlsServer(
    { key: id.nodeKey, cert: toPem(id.leafDer, 'CERTIFICATE'), ...options },
    (socket: TLSSocket) => {
      socket.on('data', (d) => socket.write(`echo: ${d}`));
      socket.on('error', (e) => errors.push(e));
    },
  );
  server.on('keylog', (line: Buffer) => keylog.push(line.toString()));
  server.on('tlsClientError', (e) => errors.push(e));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(() => server.close());
  return { port: (server.address() as { port: number }).port, keylog, errors };
}

interface EngineClientOptions {
  suite: CipherSuite;
  groups?: KeyShareGroup[];
  keyShareGroups?: KeyShareGroup[];
  serverName?: string;
  tamper?: boolean;
  keyUpdate?: boolean;
}

/** The engine as a client: handshake, validate the chain with x509, then one request and whatever comes back. */
async function engineClient(port: number, options: EngineClientOptions) {
  const socket = tcpConnect(port, '127.0.0.1');
  cleanup.push(() => socket.destroy());
  await once(socket, 'connect');
  const records = new RecordReader(socket);
  const send = (record: Uint8Array) => socket.write(record);
  const serverName = options.serverName ?? NAME;

  const hello = clientHello(rngFor('client hello'), {
    serverName,
    cipherSuites: [options.suite],
    groups: options.groups ?? [X25519, P256],
    ...(options.keyShareGroups ? { keyShareGroups: options.keyShareGroups } : {}),
    signatureAlgorithms: SCHEMES,
  });
  send(hello.record);
  let reply = clientReadServerReply(rngFor('client retry'), hello.state, await records.nextOf(ContentType.handshake));
  const retried = reply.kind === 'hello_retry_request';
  if (reply.kind === 'hello_retry_request') {
    send(reply.record);
    reply = {
      kind: 'server_hello',
      ...clientReadServerHello(reply.state, await records.nextOf(ContentType.handshake)),
    };
  }
  const afterHello = reply.state;
  // The flight: protected records up to the one that completes the server's Finished.
  const keys = trafficKeys(afterHello.serverHandshakeTrafficSecret, KEY_LENGTH[afterHello.cipherSuite]);
  const flight: Uint8Array[] = [];
  for (let seen = ''; !seen.includes('|20'); ) {
    const record = await records.nextOf(ContentType.application_data);
    flight.push(record);
    seen += `|${openRecord(keys.key, keys.iv, flight.length - 1, record, afterHello.cipherSuite).plaintext[0]}`;
  }
  const read = clientReadServerFlight(afterHello, flight);
  const validation = validateCertificateChain({
    chainDer: read.certificateChain,
    trustedRootsDer: [rootDer],
    now: now(),
    expectedName: serverName,
  });
  const secrets: Record<string, string> = {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: bytesToHex(afterHello.clientHandshakeTrafficSecret),
    SERVER_HANDSHAKE_TRAFFIC_SECRET: bytesToHex(afterHello.serverHandshakeTrafficSecret),
  };
  if (!validation.ok) {
    const refusal = certificateRefusal(validation.failures[0]!);
    send(clientAlertRecord(read.state, refusal));
    socket.end();
    return { retried, refusal, validation, secrets };
  }
  const verified = clientVerifyServer(read.state, validation.leaf!.publicKey);
  const finished = clientFinish(verified.state);
  send(finished.record);
  let connection: Connection = finished.connection;
  Object.assign(secrets, {
    CLIENT_TRAFFIC_SECRET_0: bytesToHex(verified.state.clientApplicationTrafficSecret),
    SERVER_TRAFFIC_SECRET_0: bytesToHex(verified.state.serverApplicationTrafficSecret),
  });

  if (options.keyUpdate) {
    const update = sealKeyUpdate(connection, true);
    connection = update.connection;
    send(update.record);
  }
  const request = sealApplicationData(connection, utf8ToBytes(`GET / HTTP/1.1\r\nHost: ${NAME}\r\n\r\n`));
  connection = request.connection;
  const bytes = request.record.slice();
  if (options.tamper) bytes[RECORD_HEADER_LENGTH + 2]! ^= 0x40;
  send(bytes);

  const seenKeyUpdates: boolean[] = [];
  for (;;) {
    const record = await records.required();
    const opened = openApplicationData(connection, record);
    connection = opened.connection;
    for (const m of opened.handshakeMessages ?? []) if (m.type === 'key_update') seenKeyUpdates.push(m.updateRequested);
    for (const r of opened.reply ?? []) send(r);
    if (opened.alert || opened.plaintext.length > 0) {
      socket.end();
      return {
        retried,
        validation,
        secrets,
        connection,
        checks: verified.checks,
        seenKeyUpdates,
        alert: opened.alert,
        response: utf8Decode(opened.plaintext),
        clientRandom: bytesToHex(parseClientHello(hello.message).random),
      };
    }
  }
}

describe('the engine as a client against a default node:tls (OpenSSL) server', () => {
  for (const [suiteName, suite] of SUITES)
    for (const [groupName, group] of [
      ['x25519', X25519],
      ['P-256', P256],
    ] as const)
      it(`${suiteName} over ${groupName}: two tickets kept, data both ways, secrets equal to OpenSSL's key log`, async () => {
        const server = await nodeServer(IDENTITIES.Ed25519);
        const run = await engineClient(server.port, { suite, keyShareGroups: [group] });
        expect(run.retried).toBe(false);
        expect(run.response).toBe(`echo: GET / HTTP/1.1\r\nHost: ${NAME}\r\n\r\n`);
        expect(run.connection?.cipherSuite).toBe(suite);
        expect(run.connection?.tickets.length).toBe(2); // OpenSSL's default num_tickets
        expect(run.connection?.tickets[0]?.ticketLifetime).toBeGreaterThan(0); // OpenSSL's session timeout, ≤ 7 days
        const log = keylogOf(server.keylog);
        expect(run.secrets).toEqual({
          CLIENT_HANDSHAKE_TRAFFIC_SECRET: log.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
          SERVER_HANDSHAKE_TRAFFIC_SECRET: log.SERVER_HANDSHAKE_TRAFFIC_SECRET,
          CLIENT_TRAFFIC_SECRET_0: log.CLIENT_TRAFFIC_SECRET_0,
          SERVER_TRAFFIC_SECRET_0: log.SERVER_TRAFFIC_SECRET_0,
        });
        expect(server.keylog[0]).toContain(run.clientRandom!);
      });

  it('HelloRetryRequest: an empty key_share makes the server ask for a group, and the handshake completes', async () => {
    const server = await nodeServer(IDENTITIES.Ed25519);
    const run = await engineClient(server.port, { suite: 0x1301, keyShareGroups: [] });
    expect(run.retried).toBe(true);
    expect(run.response).toMatch(/^echo: GET/);
    expect(run.secrets.CLIENT_TRAFFIC_SECRET_0).toBe(keylogOf(server.keylog).CLIENT_TRAFFIC_SECRET_0);
  });

  it('verifies ECDSA P-256 and RSA-PSS CertificateVerify from OpenSSL', async () => {
    for (const id of [IDENTITIES['ECDSA P-256'], IDENTITIES.RSA]) {
      const server = await nodeServer(id);
      const run = await engineClient(server.port, { suite: 0x1303 });
      expect(run.checks?.[0]?.explanation).toMatch(id.name === 'RSA' ? /RSA-PSS/ : /ECDSA P-256/);
      expect(run.response).toMatch(/^echo: GET/);
    }
  });

  it('KeyUpdate: the engine asks, OpenSSL updates its keys too, and data flows under the new ones', async () => {
    const server = await nodeServer(IDENTITIES.Ed25519);
    const run = await engineClient(server.port, { suite: 0x1301, keyUpdate: true });
    expect(run.seenKeyUpdates).toEqual([false]);
    expect(run.connection?.read.generation).toBe(1);
    expect(run.connection?.write.generation).toBe(1);
    expect(run.response).toMatch(/^echo: GET/);
  });

  it('hostname refused: the engine sends a real alert, and OpenSSL names it', async () => {
    const server = await nodeServer(IDENTITIES.Ed25519);
    const run = await engineClient(server.port, { suite: 0x1301, serverName: 'bank.example' });
    expect(run.validation.failures.map((f) => f.code)).toEqual(['NAME_MISMATCH']);
    expect(run.refusal?.alert).toBe('handshake_failure');
    await expect
      .poll(() => server.errors.map((e) => (e as { code?: string }).code))
      .toContain('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE');
  });

  it('a tampered record: OpenSSL answers with bad_record_mac, which the engine unseals and names', async () => {
    const server = await nodeServer(IDENTITIES.Ed25519);
    const run = await engineClient(server.port, { suite: 0x1303, tamper: true });
    expect(run.alert).toEqual({ level: 2, description: 20 });
    expect(run.connection?.tickets.length).toBe(2);
  });
});

// ——— the engine as a server ———

interface EngineServerRun {
  retried: boolean;
  flight: ServerFlight;
  request?: string;
  alertReceived?: TlsAlertReceived;
  failure?: TlsError;
  secrets?: Record<string, string>;
  /** The client hung up before its Finished. */
  closedEarly?: boolean;
  /** With keyUpdate: the KeyUpdates the client sent (their update_requested), its second line, the end state. */
  updates?: boolean[];
  second?: string;
  connection?: Connection;
}

/** The engine as a server on a loopback port: answers one connection, echoes one request. */
async function engineServer(
  config: ServerConfig,
  options: { tamper?: boolean; ticket?: boolean; keyUpdate?: boolean } = {},
) {
  let resolveRun: (run: EngineServerRun) => void;
  let rejectRun: (error: unknown) => void;
  const done = new Promise<EngineServerRun>((resolve, reject) => {
    resolveRun = resolve;
    rejectRun = reject;
  });
  const server = createServer(async (socket) => {
    cleanup.push(() => socket.destroy());
    const records = new RecordReader(socket);
    try {
      let flight = serverRespond(rngFor('server hello'), config, await records.nextOf(ContentType.handshake));
      const retried = flight.state.phase === 'WAIT_RETRIED_CLIENT_HELLO';
      if (flight.state.phase === 'WAIT_RETRIED_CLIENT_HELLO') {
        for (const r of flight.records) socket.write(r);
        const second = await records.nextOf(ContentType.handshake);
        flight = serverReadRetriedClientHello(rngFor('server retry'), config, flight.state, second);
      }
      for (const r of flight.records) socket.write(r);
      if (flight.state.phase !== 'WAIT_CLIENT_FINISHED') throw new Error(`server in ${flight.state.phase}`);
      const state = flight.state;
      const run: EngineServerRun = { retried, flight };
      let connected: ReturnType<typeof serverReadClientFinished>;
      const finishedRecord = await records.nextOf(ContentType.application_data).catch(() => undefined);
      if (!finishedRecord) {
        resolveRun!({ ...run, closedEarly: true });
        return;
      }
      try {
        connected = serverReadClientFinished(state, finishedRecord);
      } catch (error) {
        if (!(error instanceof TlsAlertReceived)) throw error;
        resolveRun!({ ...run, alertReceived: error });
        return;
      }
      run.secrets = {
        CLIENT_HANDSHAKE_TRAFFIC_SECRET: bytesToHex(state.clientHandshakeTrafficSecret),
        CLIENT_TRAFFIC_SECRET_0: bytesToHex(state.clientApplicationTrafficSecret),
        SERVER_TRAFFIC_SECRET_0: bytesToHex(state.serverApplicationTrafficSecret),
      };
      let connection = connected.connection;
      if (options.ticket) {
        const ticket = sealNewSessionTicket(connection, {
          ticketLifetime: 3600,
          ticketAgeAdd: 0x01020304,
          ticketNonce: Uint8Array.of(0),
          ticket: utf8ToBytes('a ticket the engine cannot redeem yet'),
          extensions: [],
        });
        connection = ticket.connection;
        socket.write(ticket.record);
      }
      const record = await records.next();
      if (!record) {
        resolveRun!(run);
        return;
      }
      if (options.tamper) record[RECORD_HEADER_LENGTH + 1]! ^= 0x01;
      let opened: ReturnType<typeof openApplicationData>;
      try {
        opened = openApplicationData(connection, record);
      } catch (error) {
        if (!(error instanceof TlsError)) throw error;
        socket.end(sealAlert(connection, error).record);
        resolveRun!({ ...run, failure: error });
        return;
      }
      const request = utf8Decode(opened.plaintext);
      connection = opened.connection;
      if (options.keyUpdate) {
        // Ask the client to update too; OpenSSL sends its KeyUpdate before its next data (§4.6.3).
        const update = sealKeyUpdate(connection, true);
        connection = update.connection;
        socket.write(update.record);
      }
      const echo = sealApplicationData(connection, utf8ToBytes(`echo: ${request}`));
      socket.write(echo.record);
      connection = echo.connection;
      if (options.keyUpdate) {
        const updates: boolean[] = [];
        for (;;) {
          const next = openApplicationData(connection, await records.required());
          connection = next.connection;
          for (const m of next.handshakeMessages ?? []) if (m.type === 'key_update') updates.push(m.updateRequested);
          if (next.plaintext.length > 0) {
            resolveRun!({ ...run, request, updates, second: utf8Decode(next.plaintext), connection });
            return;
          }
        }
      }
      resolveRun!({ ...run, request });
    } catch (error) {
      rejectRun!(error);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(() => server.close());
  return { port: (server.address() as { port: number }).port, done };
}

/** A default node:tls client: sends one line once connected, resolves with what it saw. */
function nodeClient(port: number, options: { servername?: string; ca?: string | null; ecdhCurve?: string } = {}) {
  const keylog: string[] = [];
  let sessions = 0;
  const client = tlsConnect({
    port,
    host: '127.0.0.1',
    servername: options.servername ?? NAME,
    ...(options.ca === null ? {} : { ca: options.ca ?? rootPem }),
    ...(options.ecdhCurve ? { ecdhCurve: options.ecdhCurve } : {}),
  });
  cleanup.push(() => client.destroy());
  client.on('keylog', (line) => keylog.push(line.toString()));
  client.on('session', () => sessions++);
  client.on('secureConnect', () => client.write('hello from OpenSSL'));
  const outcome = new Promise<{ data?: string; error?: Error & { code?: string } }>((resolve) => {
    client.on('data', (d) => resolve({ data: d.toString() }));
    client.on('error', (error) => resolve({ error }));
  });
  return { client, keylog, outcome, sessions: () => sessions };
}

const engineConfig = (id: Identity, suite: CipherSuite, extra: Partial<ServerConfig> = {}): ServerConfig => ({
  certificateChainDer: [id.leafDer],
  signingKey: id.engineKey!,
  cipherSuites: [suite],
  ...extra,
});

describe('a default node:tls (OpenSSL) client against the engine as a server', () => {
  for (const [suiteName, suite] of SUITES)
    it(`${suiteName}: handshake, data both ways, secrets equal to OpenSSL's key log, our ticket accepted`, async () => {
      const engine = await engineServer(engineConfig(IDENTITIES.Ed25519, suite), { ticket: true });
      const node = nodeClient(engine.port);
      const outcome = await node.outcome;
      const run = await engine.done;
      expect(outcome).toEqual({ data: 'echo: hello from OpenSSL' });
      expect(run.request).toBe('hello from OpenSSL');
      expect(node.client.getCipher().standardName).toBe(suiteName);
      const log = keylogOf(node.keylog);
      expect(run.secrets).toEqual({
        CLIENT_HANDSHAKE_TRAFFIC_SECRET: log.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
        CLIENT_TRAFFIC_SECRET_0: log.CLIENT_TRAFFIC_SECRET_0,
        SERVER_TRAFFIC_SECRET_0: log.SERVER_TRAFFIC_SECRET_0,
      });
      // The server handshake secret is not kept in the state: OpenSSL's opens the engine's encrypted flight.
      const keys = trafficKeys(Buffer.from(log.SERVER_HANDSHAKE_TRAFFIC_SECRET!, 'hex'), KEY_LENGTH[suite]);
      expect(openRecord(keys.key, keys.iv, 0, run.flight.records[1]!, suite).plaintext[0]).toBe(8); // EncryptedExtensions
      expect(node.sessions()).toBe(1); // OpenSSL parsed the engine's NewSessionTicket
    });

  it('P-256 by HelloRetryRequest: a P-256-only engine asks the x25519-first client for another share', async () => {
    const engine = await engineServer(engineConfig(IDENTITIES.Ed25519, 0x1301, { groups: [P256] }));
    const node = nodeClient(engine.port);
    expect(await node.outcome).toEqual({ data: 'echo: hello from OpenSSL' });
    const run = await engine.done;
    expect(run.retried).toBe(true);
    expect(run.secrets?.CLIENT_TRAFFIC_SECRET_0).toBe(keylogOf(node.keylog).CLIENT_TRAFFIC_SECRET_0);
  });

  it('KeyUpdate: the engine server asks, OpenSSL updates its sending keys, and its next line arrives under them', async () => {
    const engine = await engineServer(engineConfig(IDENTITIES.Ed25519, 0x1303), { keyUpdate: true });
    const node = nodeClient(engine.port);
    expect(await node.outcome).toEqual({ data: 'echo: hello from OpenSSL' });
    node.client.write('second line, under new keys');
    const run = await engine.done;
    expect(run.updates).toEqual([false]);
    expect(run.second).toBe('second line, under new keys');
    expect(run.connection?.read.generation).toBe(1);
    expect(run.connection?.write.generation).toBe(1);
  });

  it('an ECDSA P-256 certificate over a P-256 share: OpenSSL verifies the engine’s ecdsa_secp256r1_sha256 signature', async () => {
    // The one non-default setting here: a client whose first (and only) share is P-256.
    const engine = await engineServer(engineConfig(IDENTITIES['ECDSA P-256'], 0x1303));
    const node = nodeClient(engine.port, { ecdhCurve: 'P-256' });
    expect(await node.outcome).toEqual({ data: 'echo: hello from OpenSSL' });
    const run = await engine.done;
    expect(run.request).toBe('hello from OpenSSL');
    expect(run.retried).toBe(false);
    expect(run.flight.messages[0]![0]).toBe(2);
    expect((node.client.getEphemeralKeyInfo() as { name?: string }).name).toBe('prime256v1');
  });

  it('hostname refused by OpenSSL: node:tls checks the name after the handshake and hangs up', async () => {
    const wrongName = await engineServer(engineConfig(IDENTITIES.Ed25519, 0x1301));
    const refused = nodeClient(wrongName.port, { servername: 'bank.example' });
    expect((await refused.outcome).error?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect((await wrongName.done).request).toBeUndefined();
  });

  itWithOpenssl('an unknown CA: openssl s_client refuses with a real unknown_ca alert the engine reads', async () => {
    // node:tls checks the chain after the handshake and just hangs up; `openssl s_client -verify_return_error`
    // refuses inside the handshake, with the alert OpenSSL picks for an unknown issuer.
    const unknown = await engineServer(engineConfig(IDENTITIES.Ed25519, 0x1301));
    const args = ['s_client', '-connect', `127.0.0.1:${unknown.port}`, '-servername', NAME, '-verify_return_error'];
    const sClient = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    sClient.stdout.on('data', (d) => (output += d));
    sClient.stderr.on('data', (d) => (output += d));
    const [status] = await once(sClient, 'close');
    expect(status).not.toBe(0);
    expect(output).toMatch(/unable to get local issuer certificate/);
    expect((await unknown.done).alertReceived?.alert).toBe('unknown_ca');
  });

  it('a tampered record: the engine answers with a bad_record_mac alert OpenSSL reports by name', async () => {
    const engine = await engineServer(engineConfig(IDENTITIES.Ed25519, 0x1301), { tamper: true });
    const node = nodeClient(engine.port);
    const outcome = await node.outcome;
    expect((await engine.done).failure?.code).toBe('BAD_RECORD_MAC');
    expect(outcome.error?.code).toBe('ERR_SSL_SSLV3_ALERT_BAD_RECORD_MAC');
  });
});
