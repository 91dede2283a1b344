/**
 * Protocol engine benchmark: one complete round (CA issuance + handshake + one application record each way)
 * with @handshake/shared (noble, micro-rsa-dsa-dh, @peculiar/asn1), beside the same cryptographic operations
 * done with node:crypto (OpenSSL). Single-threaded; results are recorded in docs/benchmarks.md.
 * Run: `pnpm bench` from the repository root. @module
 */
import {
  checkPrimeSync,
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { arch, cpus, loadavg, platform } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  buildCertificateRequest,
  checkDomainChallenge,
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientVerifyServer,
  createDomainChallenge,
  createRootCa,
  generateEd25519KeyPair,
  generateRsaKeyPair,
  issueCertificate,
  type KeyPair,
  keyAuthorization,
  openApplicationData,
  parseCertificateRequest,
  sealApplicationData,
  seededRng,
  serverReadClientFinished,
  serverRespond,
  tls12AnswerClientFinished,
  tls12AnswerClientHello,
  tls12ReadServerFinished,
  tls12ReadServerHello,
  tls12SendClientKeyExchange,
  tls12StartClient,
  usePlatformCrypto,
  usePlatformPrimeCheck,
  utf8ToBytes,
  validateCertificateChain,
} from '@handshake/shared';
// TLS 1.2 application data is not in the package's public entry; the bench reads it from the source.
import { receiveApplicationData, sendApplicationData } from '../shared/src/tls12/handshake.ts';
import { type GameRoundFigures, measureGameRounds } from './gameRounds.ts';

type RsaKeyPair = Extract<KeyPair, { algorithm: 'RSA' }>;

const SEED = utf8ToBytes('handshake bench');
const DOMAIN = 'shop.example';
const NOW = Math.floor(Date.now() / 1000);
const DAY = 86_400;
const REQUEST = utf8ToBytes(`GET /basket HTTP/1.1\r\nHost: ${DOMAIN}\r\n\r\n`);
const RESPONSE = utf8ToBytes('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
const MIN_MS = 2000;
const MIN_ROUNDS = 5;
const WARMUP_ROUNDS = 3;
const GAME_MIN_MS = 8000;
const GAME_MIN_ROUNDS = 4;

function fail(message: string): never {
  throw new Error(`bench: ${message}`);
}

function sameText(a: Uint8Array, b: Uint8Array): void {
  if (Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0) fail('application data did not round-trip');
}

// ---------------------------------------------------------------- engine rounds (@handshake/shared)

/** Root CA, CSR, http-01 challenge and check, issuance: what the game does before a handshake. */
function engineIssue(round: number, serverKey: KeyPair) {
  const rng = (label: string) => seededRng(SEED, `${label} ${round}`);
  const ca = createRootCa(rng('ca'), {
    name: 'Handshake Bench Root',
    notBefore: NOW - DAY,
    notAfter: NOW + 365 * DAY,
    algorithm: 'Ed25519',
  });
  const csr = buildCertificateRequest({ domain: DOMAIN, keyPair: serverKey });
  const challenge = createDomainChallenge(rng('challenge'), csr);
  const published = keyAuthorization(challenge.token, parseCertificateRequest(csr).subjectPublicKeyInfo);
  const checked = checkDomainChallenge(challenge, csr, published);
  const issued = issueCertificate(rng('issue'), ca, csr, { now: NOW, validityDays: 90, challengeResult: checked });
  if (!issued.ok) fail(`CA refused: ${issued.refusal.reason}`);
  return { rootDer: ca.certificateDer, leafDer: issued.certificateDer };
}

function validateAsClient(chainDer: Uint8Array[], rootDer: Uint8Array) {
  const chain = validateCertificateChain({ chainDer, trustedRootsDer: [rootDer], now: NOW, expectedName: DOMAIN });
  if (!chain.ok || !chain.leaf) fail(`chain refused: ${chain.failures.map((f) => f.code).join(', ')}`);
  return chain.leaf.publicKey;
}

function engineTls13Round(round: number): void {
  const serverKey = generateEd25519KeyPair(seededRng(SEED, `server key ${round}`));
  const { rootDer, leafDer } = engineIssue(round, serverKey);
  const hello = clientHello(seededRng(SEED, `client ${round}`), { serverName: DOMAIN });
  const flight = serverRespond(
    seededRng(SEED, `server ${round}`),
    { certificateChainDer: [leafDer], signingKey: serverKey.privateKey, cipherSuites: [0x1301] },
    hello.record,
  );
  if (flight.state.phase !== 'WAIT_CLIENT_FINISHED') fail('server downgraded');
  const [serverHelloRecord, ...encrypted] = flight.records;
  const afterHello = clientReadServerHello(hello.state, serverHelloRecord!);
  const afterFlight = clientReadServerFlight(afterHello.state, encrypted);
  const leafKey = validateAsClient(afterFlight.certificateChain, rootDer);
  if (leafKey.algorithm !== 'Ed25519') fail('expected an Ed25519 leaf');
  const verified = clientVerifyServer(afterFlight.state, leafKey.key);
  const finished = clientFinish(verified.state);
  const server = serverReadClientFinished(flight.state, finished.record);
  const request = sealApplicationData(finished.connection, REQUEST);
  const atServer = openApplicationData(server.connection, request.record);
  sameText(atServer.plaintext, REQUEST);
  const response = sealApplicationData(atServer.connection, RESPONSE);
  sameText(openApplicationData(request.connection, response.record).plaintext, RESPONSE);
}

function engineClassicRound(round: number, serverKey: RsaKeyPair): void {
  const { rootDer, leafDer } = engineIssue(round, serverKey);
  const clientRng = seededRng(SEED, `tls12 client ${round}`);
  const serverRng = seededRng(SEED, `tls12 server ${round}`);
  const hello = tls12StartClient(clientRng, { serverName: DOMAIN });
  const serverHello = tls12AnswerClientHello(serverRng, { certificates: [leafDer], keyPair: serverKey }, hello.records);
  const knowsServer = tls12ReadServerHello(hello.state, serverHello.records);
  const leafKey = validateAsClient(knowsServer.certificates, rootDer);
  if (leafKey.algorithm !== 'RSA') fail('expected an RSA leaf');
  const keyExchange = tls12SendClientKeyExchange(clientRng, knowsServer, leafKey.key);
  const serverFinished = tls12AnswerClientFinished(serverRng, serverHello.state, keyExchange.records);
  const client = tls12ReadServerFinished(keyExchange.state, serverFinished.records);
  const request = sendApplicationData(client, REQUEST);
  const atServer = receiveApplicationData(serverFinished.state, request.records);
  sameText(atServer.data, REQUEST);
  const response = sendApplicationData(atServer.state, RESPONSE);
  sameText(receiveApplicationData(request.state, response.records).data, RESPONSE);
}

// ---------------------------------------------------------------- node:crypto baseline: the same cryptography, no DER or wire format

/** Messages of the engine's real sizes, so hashing and signing cost the same per byte. */
interface Sizes {
  rootDer: Uint8Array;
  csrDer: Uint8Array;
  leafDer: Uint8Array;
}

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const hmac = (key: Uint8Array, ...parts: Uint8Array[]) => {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
};

/** HKDF-Expand-Label (RFC 8446 §7.1) for lengths ≤ 32: one HMAC. */
function expandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`);
  const info = Buffer.concat([
    Buffer.of(length >> 8, length & 0xff, full.length),
    full,
    Buffer.of(context.length),
    context,
    Buffer.of(1),
  ]);
  return hmac(secret, info).subarray(0, length);
}

interface GcmKeys {
  key: Buffer;
  iv: Buffer;
}

function nonceFor(iv: Buffer, seq: number): Buffer {
  const nonce = Buffer.from(iv);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
  return nonce;
}

function gcmSeal(keys: GcmKeys, seq: number, aad: Buffer, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-gcm', keys.key, nonceFor(keys.iv, seq));
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function gcmOpen(keys: GcmKeys, seq: number, aad: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-128-gcm', keys.key, nonceFor(keys.iv, seq));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

const header = (length: number) => Buffer.of(23, 3, 3, length >> 8, length & 0xff);

/** TLS 1.3 record (§5.2): inner plaintext = content ‖ type, AAD = the record header. */
const seal13 = (keys: GcmKeys, seq: number, content: Uint8Array, type: number) =>
  gcmSeal(keys, seq, header(content.length + 17), Buffer.concat([content, Buffer.of(type)]));
const open13 = (keys: GcmKeys, seq: number, record: Buffer) => {
  const inner = gcmOpen(keys, seq, header(record.length), record);
  return inner.subarray(0, inner.length - 1);
};

/** Ed25519 root, server key (Ed25519 for TLS 1.3), CSR signature and its check, thumbprint, certificate signature. */
function nodeIssue(
  sizes: Sizes,
  csrSign: (data: Uint8Array) => Buffer,
  csrVerify: (data: Uint8Array, sig: Buffer) => boolean,
) {
  const ca = generateKeyPairSync('ed25519');
  sign(null, sizes.rootDer, ca.privateKey); // self-signed root
  const csrSignature = csrSign(sizes.csrDer);
  if (!csrVerify(sizes.csrDer, csrSignature)) fail('CSR signature');
  randomBytes(16); // challenge token
  sha256(sizes.csrDer.subarray(0, 44)); // key thumbprint (SPKI)
  const certSignature = sign(null, sizes.leafDer, ca.privateKey);
  return { caPublic: ca.publicKey, certSignature };
}

function nodeTls13Round(sizes: Sizes): void {
  const server = generateKeyPairSync('ed25519');
  const issued = nodeIssue(
    sizes,
    (data) => sign(null, data, server.privateKey),
    (data, sig) => verify(null, data, server.publicKey, sig),
  );
  // ClientHello / ServerHello: an X25519 key each, one agreement each.
  const clientShare = generateKeyPairSync('x25519');
  const serverShare = generateKeyPairSync('x25519');
  const clientHelloMsg = randomBytes(200);
  const serverHelloMsg = randomBytes(90);
  const schedule = (privateKey: KeyObject, publicKey: KeyObject) => {
    const shared = diffieHellman({ privateKey, publicKey });
    const zeros = Buffer.alloc(32);
    const emptyHash = sha256();
    const early = hmac(zeros, zeros);
    const handshake = hmac(expandLabel(early, 'derived', emptyHash, 32), shared);
    const th = sha256(clientHelloMsg, serverHelloMsg);
    const c = expandLabel(handshake, 'c hs traffic', th, 32);
    const s = expandLabel(handshake, 's hs traffic', th, 32);
    const master = hmac(expandLabel(handshake, 'derived', emptyHash, 32), zeros);
    const keys = (secret: Buffer): GcmKeys => ({
      key: expandLabel(secret, 'key', Buffer.alloc(0), 16),
      iv: expandLabel(secret, 'iv', Buffer.alloc(0), 12),
    });
    return {
      c,
      s,
      master,
      cHs: keys(c),
      sHs: keys(s),
      finished: (secret: Buffer, transcript: Buffer) =>
        hmac(expandLabel(secret, 'finished', Buffer.alloc(0), 32), transcript),
      application: (transcript: Buffer) => ({
        c: keys(expandLabel(master, 'c ap traffic', transcript, 32)),
        s: keys(expandLabel(master, 's ap traffic', transcript, 32)),
      }),
    };
  };
  const serverSide = schedule(serverShare.privateKey, clientShare.publicKey);
  // Server flight: EncryptedExtensions, Certificate, CertificateVerify, Finished (one record each).
  const cvContent = Buffer.concat([Buffer.alloc(64, 0x20), Buffer.from('TLS 1.3, server CertificateVerify\0')]);
  const cvSignature = sign(null, Buffer.concat([cvContent, sha256(clientHelloMsg, sizes.leafDer)]), server.privateKey);
  const th3 = sha256(clientHelloMsg, serverHelloMsg, sizes.leafDer, cvSignature);
  const serverFinished = serverSide.finished(serverSide.s, th3);
  const flight = [Buffer.alloc(10), Buffer.from(sizes.leafDer), cvSignature, serverFinished].map((m, seq) =>
    seal13(serverSide.sHs, seq, m, 22),
  );
  const serverApp = serverSide.application(th3);
  // Client: same schedule, opens the flight, checks the chain, CertificateVerify and Finished.
  const clientSide = schedule(clientShare.privateKey, serverShare.publicKey);
  const opened = flight.map((r, seq) => open13(clientSide.sHs, seq, r));
  if (!verify(null, sizes.leafDer, issued.caPublic, issued.certSignature)) fail('certificate signature');
  const cvInput = Buffer.concat([cvContent, sha256(clientHelloMsg, sizes.leafDer)]);
  if (!verify(null, cvInput, server.publicKey, opened[2]!)) fail('CertificateVerify');
  if (!timingSafeEqual(clientSide.finished(clientSide.s, th3), opened[3]!)) fail('server Finished');
  const clientApp = clientSide.application(sha256(clientHelloMsg, serverHelloMsg, sizes.leafDer, cvSignature));
  const th4 = sha256(clientHelloMsg, serverHelloMsg, sizes.leafDer, cvSignature, serverFinished);
  const clientFinished = clientSide.finished(clientSide.c, th4);
  const finRecord = seal13(clientSide.cHs, 0, clientFinished, 22);
  if (!timingSafeEqual(serverSide.finished(serverSide.c, th4), open13(serverSide.cHs, 0, finRecord)))
    fail('client Finished');
  // One application record each way.
  const request = seal13(clientApp.c, 0, REQUEST, 23);
  sameText(open13(serverApp.c, 0, request), REQUEST);
  const response = seal13(serverApp.s, 0, RESPONSE, 23);
  sameText(open13(clientApp.s, 0, response), RESPONSE);
}

/** TLS 1.2 PRF with P_SHA256 (RFC 5246 §5). */
function prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number): Buffer {
  const labelSeed = Buffer.concat([Buffer.from(label), seed]);
  const out: Buffer[] = [];
  let a: Buffer = hmac(secret, labelSeed);
  for (let produced = 0; produced < length; produced += 32) {
    out.push(hmac(secret, a, labelSeed));
    a = hmac(secret, a);
  }
  return Buffer.concat(out).subarray(0, length);
}

interface NodeRsa {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

function nodeClassicRound(sizes: Sizes, rsa: NodeRsa): void {
  // The CSR is signed by the server's RSA key (sha256WithRSAEncryption), as the engine does.
  const issued = nodeIssue(
    sizes,
    (data) => sign('sha256', data, rsa.privateKey),
    (data, sig) => verify('sha256', data, rsa.publicKey, sig),
  );
  const clientRandom = randomBytes(32);
  const serverRandom = randomBytes(32);
  const clientHelloMsg = randomBytes(80);
  const serverFlight = Buffer.concat([randomBytes(80), sizes.leafDer]);
  // Client: check the certificate, encrypt the premaster secret (RSAES-PKCS1-v1_5).
  if (!verify(null, sizes.leafDer, issued.caPublic, issued.certSignature)) fail('certificate signature');
  const preMaster = Buffer.concat([Buffer.of(3, 3), randomBytes(46)]);
  const encrypted = publicEncrypt({ key: rsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, preMaster);
  // Server: Node 20 refuses RSA_PKCS1_PADDING in privateDecrypt (CVE-2023-46809, Marvin), so the raw RSA
  // private operation (RSA_NO_PADDING, same modular exponentiation) stands in, and the padding is stripped here.
  const block = privateDecrypt({ key: rsa.privateKey, padding: constants.RSA_NO_PADDING }, encrypted);
  const decrypted = block.subarray(block.length - 48);
  if (block[0] !== 0 || block[1] !== 2 || !decrypted.equals(preMaster)) fail('premaster secret');
  const keyExchange = Buffer.concat([Buffer.of(16, 0, 1, 2, 1, 0), encrypted]);
  const side = (pms: Buffer) => {
    const master = prf(pms, 'master secret', Buffer.concat([clientRandom, serverRandom]), 48);
    const block = prf(master, 'key expansion', Buffer.concat([serverRandom, clientRandom]), 40);
    return {
      master,
      client: { key: block.subarray(0, 16), iv: Buffer.concat([block.subarray(32, 36), Buffer.alloc(8)]) },
      server: { key: block.subarray(16, 32), iv: Buffer.concat([block.subarray(36, 40), Buffer.alloc(8)]) },
    };
  };
  const clientSide = side(preMaster);
  const serverSide = side(decrypted);
  // Finished each way: verify_data from the PRF over the transcript hash, sealed, opened and compared.
  const finished = (master: Buffer, label: string, transcript: Buffer) => prf(master, label, transcript, 12);
  const th1 = sha256(clientHelloMsg, serverFlight, keyExchange);
  const clientFin = finished(clientSide.master, 'client finished', th1);
  const clientFinRecord = gcmSeal(clientSide.client, 0, header(16), clientFin);
  const atServer = gcmOpen(serverSide.client, 0, header(16), clientFinRecord);
  if (!atServer.equals(finished(serverSide.master, 'client finished', th1))) fail('client Finished');
  const th2 = sha256(clientHelloMsg, serverFlight, keyExchange, clientFin);
  const serverFinRecord = gcmSeal(
    serverSide.server,
    0,
    header(16),
    finished(serverSide.master, 'server finished', th2),
  );
  const atClient = gcmOpen(clientSide.server, 0, header(16), serverFinRecord);
  if (!atClient.equals(finished(clientSide.master, 'server finished', th2))) fail('server Finished');
  // One application record each way (sequence number 1: Finished took 0).
  const request = gcmSeal(clientSide.client, 1, header(REQUEST.length), REQUEST);
  sameText(gcmOpen(serverSide.client, 1, header(REQUEST.length), request), REQUEST);
  const response = gcmSeal(serverSide.server, 1, header(RESPONSE.length), RESPONSE);
  sameText(gcmOpen(clientSide.server, 1, header(RESPONSE.length), response), RESPONSE);
}

// ---------------------------------------------------------------- timing

/** Warm-up, then rounds until MIN_MS and MIN_ROUNDS are both reached; returns ms per round. */
function measure(run: (round: number) => void): { msPerRound: number; rounds: number } {
  for (let i = 0; i < WARMUP_ROUNDS; i++) run(-1 - i);
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS || rounds < MIN_ROUNDS) {
    run(rounds++);
    elapsed = performance.now() - start;
  }
  return { msPerRound: elapsed / rounds, rounds };
}

function timeOnce(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const pad = (s: string, width: number, left = false) => (left ? s.padEnd(width) : s.padStart(width));

async function main(): Promise<void> {
  const started = performance.now();
  console.log('Handshake protocol engine benchmark');
  console.log(`date:    ${new Date().toISOString()}`);
  console.log('command: pnpm bench   (pnpm --filter @handshake/bench bench → tsx protocol.bench.ts)');
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${platform()}-${arch()}`);
  console.log(`node:    ${process.version}, OpenSSL ${process.versions.openssl}`);
  console.log(
    `load:    ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15-min load average before the run; above the core count, figures are pessimistic)`,
  );
  console.log('');

  // RSA-2048 keys, generated once, off the timed loop.
  let engineRsa: RsaKeyPair | undefined;
  const engineKeygenMs = timeOnce(() => {
    engineRsa = generateRsaKeyPair(seededRng(SEED, 'rsa 2048'), 2048);
  });
  let nodeRsa: NodeRsa | undefined;
  const nodeKeygenMs = timeOnce(() => {
    nodeRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  });
  // The server's prime test (server/src/nativeCrypto.ts): OpenSSL decides, the key is the same.
  usePlatformPrimeCheck((candidate) => checkPrimeSync(candidate));
  let serverRsa: RsaKeyPair | undefined;
  const serverKeygenMs = timeOnce(() => {
    serverRsa = generateRsaKeyPair(seededRng(SEED, 'rsa 2048'), 2048);
  });
  usePlatformPrimeCheck(null);
  if (serverRsa?.privateKey.d !== engineRsa?.privateKey.d) fail('the native prime check changed the key');
  console.log(
    `RSA-2048 key generation (once, not in the rounds): engine ${fmt(engineKeygenMs, 0)} ms, engine with the server's ` +
      `OpenSSL prime check ${fmt(serverKeygenMs, 0)} ms (same key), node:crypto ${fmt(nodeKeygenMs, 0)} ms`,
  );
  console.log('');

  // Real message sizes for the baseline, from one engine issuance.
  const edKey = generateEd25519KeyPair(seededRng(SEED, 'sizes'));
  const sample = engineIssue(-100, edKey);
  const sizes: Sizes = {
    rootDer: sample.rootDer,
    csrDer: buildCertificateRequest({ domain: DOMAIN, keyPair: edKey }),
    leafDer: sample.leafDer,
  };

  const rows = [
    {
      name: 'TLS 1.3 round (Ed25519, x25519, AES-128-GCM)',
      engine: measure((i) => engineTls13Round(i)),
      node: measure(() => nodeTls13Round(sizes)),
    },
    {
      name: 'Classic round (TLS 1.2 RSA-2048 key transport)',
      engine: measure((i) => engineClassicRound(i, engineRsa!)),
      node: measure(() => nodeClassicRound(sizes, nodeRsa!)),
    },
  ];

  const widths = [48, 14, 14, 7, 12, 12];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i === 0)).join(' | ');
  console.log(line(['operation (one round)', 'engine ms', 'node ms', 'ratio', 'engine r/s', 'node r/s']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) {
    console.log(
      line([
        row.name,
        fmt(row.engine.msPerRound),
        fmt(row.node.msPerRound, 3),
        `${fmt(row.engine.msPerRound / row.node.msPerRound, 1)}x`,
        fmt(1000 / row.engine.msPerRound, 1),
        fmt(1000 / row.node.msPerRound, 0),
      ]),
    );
  }
  console.log('');
  console.log(
    `ms = mean wall time per round after ${WARMUP_ROUNDS} warm-up rounds, ≥ ${MIN_MS / 1000} s and ≥ ${MIN_ROUNDS} rounds each ` +
      `(rounds: ${rows.map((r) => `${r.engine.rounds}/${r.node.rounds}`).join(', ')}); r/s = rounds per second on one core; ` +
      'ratio = engine / node.',
  );
  console.log(
    'A round: root CA + CSR + http-01 check + issuance, handshake with chain validation, one record each way. ' +
      'The node:crypto column does the same signatures, key agreements, key schedule, PRF and AES-GCM, without DER or wire encoding.',
  );
  console.log('');

  // Whole game rounds as the server plays them: rules engine, bots, and a view per role after each move.
  const games: (GameRoundFigures & { label?: string })[] = measureGameRounds(GAME_MIN_MS, GAME_MIN_ROUNDS);
  usePlatformPrimeCheck((candidate) => checkPrimeSync(candidate));
  for (const figures of measureGameRounds(GAME_MIN_MS, GAME_MIN_ROUNDS, ['tls12-rsa']))
    games.push({ ...figures, label: 'tls12-rsa*' });
  usePlatformPrimeCheck(null);
  // The same rounds with the server's backend: node:crypto (OpenSSL) primitives and prime test, the same bytes.
  const { useNativeCrypto } = await import('@handshake/server/nativeCrypto');
  useNativeCrypto();
  for (const figures of measureGameRounds(GAME_MIN_MS, GAME_MIN_ROUNDS))
    games.push({ ...figures, label: `${figures.mode} (node)` });
  usePlatformCrypto(null);
  usePlatformPrimeCheck(null);
  const gameWidths = [16, 7, 9, 11, 10, 10, 10, 12];
  const gameLine = (cells: string[]) => cells.map((c, i) => pad(c, gameWidths[i]!, i === 0)).join(' | ');
  console.log(
    gameLine(['game mode', 'rounds', 'moves/r', 'ms/round', 'setup ms', 'moves ms', 'views ms', 'rounds/s/core']),
  );
  console.log(gameWidths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const g of games) {
    console.log(
      gameLine([
        g.label ?? g.mode,
        String(g.rounds),
        fmt(g.moves / g.rounds, 1),
        fmt(g.msPerRound, 1),
        fmt(g.setupMs, 1),
        fmt(g.movesMs, 1),
        fmt(g.viewsMs, 1),
        fmt(1000 / g.msPerRound, 2),
      ]),
    );
  }
  console.log('');
  console.log(
    `A game round: initialState, every move by the engine's honest bots through applyMove, and after each move viewFor ` +
      `for the four roles and a spectator (what the room sends); every scenario of the mode in turn, a fresh seed per ` +
      `round, after one warm-up round, ≥ ${GAME_MIN_MS / 1000} s and ≥ ${GAME_MIN_ROUNDS} rounds per mode. ` +
      `tls12-rsa*: RSA key generation with OpenSSL's prime test (the same keys). (node): as the server plays it, ` +
      `every primitive on node:crypto and OpenSSL's prime test (server/src/nativeCrypto.ts; the same bytes).`,
  );
  console.log(`total bench time: ${fmt((performance.now() - started) / 1000, 1)} s`);
}

await main();
