import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8Decode } from '../../bytes/bytes.ts';
import { tls12KeyBlock } from '../../tls12/prf.ts';
import { openRecord as openRecord12 } from '../../tls12/record.ts';
import { KEY_LENGTH } from '../../tls13/constants.ts';
import { trafficKeys } from '../../tls13/keySchedule.ts';
import { openRecord as openRecord13 } from '../../tls13/record.ts';
import { playWithBots, replayRound } from '../play.ts';
import type { TableState } from '../state.ts';
import { ROLES } from '../types.ts';
import { viewFor } from '../view.ts';

const seed = new Uint8Array(32).fill(9);
const play = (scenarioId: string, mode: 'tls13' | 'tls12-rsa', careless = false) =>
  playWithBots({ scenarioId, mode, seed, rsaBits: 1024 }, careless ? { client: 'careless' } : {});

/** The key log as a map: label → client random → secret. */
function parseKeyLog(lines: string[]): Map<string, Map<string, string>> {
  const log = new Map<string, Map<string, string>>();
  for (const line of lines) {
    const [label, random, secret] = line.split(' ') as [string, string, string];
    expect(random).toMatch(/^[0-9a-f]{64}$/);
    if (!log.has(label)) log.set(label, new Map());
    log.get(label)!.set(random, secret);
  }
  return log;
}

/** The client random of the ClientHello in an envelope (record header 5, handshake header 4, version 2). */
const clientRandomOf = (record: Uint8Array) => bytesToHex(record.slice(11, 43));

function loginEnvelope(st: TableState, conn: string) {
  return st.envelopes.find((e) => e.conn === conn && e.kind === 'login')!;
}

describe('the debrief’s key log', () => {
  it('TLS 1.3: four secrets per connection; the client’s traffic secret opens the login at its sequence number', () => {
    const st = play('happy-path', 'tls13');
    const lines = viewFor(st, 'client').debrief!.capture.keyLog;
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ]);
    const log = parseKeyLog(lines);
    const random = clientRandomOf(st.envelopes.find((e) => e.kind === 'client-hello')!.records[0]!);
    const suite = (st.endpoints['server:main']!.established!.connection as { cipherSuite: 4865 | 4867 }).cipherSuite;
    const keys = trafficKeys(hexToBytes(log.get('CLIENT_TRAFFIC_SECRET_0')!.get(random)!), KEY_LENGTH[suite]);
    const login = loginEnvelope(st, 'main');
    const opened = openRecord13(keys.key, keys.iv, st.recordSeqs[`${login.id}:0`]!, login.records[0]!, suite);
    expect(utf8Decode(opened.plaintext)).toMatch(/^POST \/login HTTP\/1\.1\r\n/);
    // The server's flight opens with the server handshake secret the server used to seal it.
    const flight = st.envelopes.find((e) => e.kind === 'server-flight-tls13')!;
    const hs = trafficKeys(hexToBytes(log.get('SERVER_HANDSHAKE_TRAFFIC_SECRET')!.get(random)!), KEY_LENGTH[suite]);
    expect(() => openRecord13(hs.key, hs.iv, 0, flight.records[0]!, suite)).not.toThrow();
  });

  it('TLS 1.2: CLIENT_RANDOM and the master secret open the login', () => {
    const st = play('happy-path', 'tls12-rsa');
    const lines = viewFor(st, 'server').debrief!.capture.keyLog;
    expect(lines).toHaveLength(1);
    const [label, random, master] = lines[0]!.split(' ') as [string, string, string];
    expect(label).toBe('CLIENT_RANDOM');
    const hello = st.envelopes.find((e) => e.kind === 'client-hello')!;
    expect(random).toBe(clientRandomOf(hello.records[0]!));
    const connection = st.endpoints['client:main']!.established!.connection as { serverRandom: Uint8Array };
    const block = tls12KeyBlock(hexToBytes(master), hexToBytes(random), connection.serverRandom);
    const login = loginEnvelope(st, 'main');
    const seq = st.recordSeqs[`${login.id}:0`]!;
    const opened = openRecord12({ key: block.clientWriteKey, salt: block.clientWriteIv, seq }, login.records[0]!);
    expect(utf8Decode(opened.plaintext)).toMatch(/^POST \/login HTTP\/1\.1\r\n/);
  });

  it.each(['tls13', 'tls12-rsa'] as const)(
    'a man in the middle (%s): each half has its own client random and secrets',
    (mode) => {
      const st = play('careless-ca', mode);
      const log = parseKeyLog(viewFor(st, 'eavesdropper').debrief!.capture.keyLog);
      const randoms = [...log.values()][0]!;
      const hellos = st.envelopes.filter((e) => e.kind === 'client-hello').map((e) => clientRandomOf(e.records[0]!));
      expect(new Set(randoms.keys())).toEqual(new Set(hellos));
      expect(randoms.size).toBe(2);
    },
  );

  it('no view before the debrief carries a key-log secret its viewer does not hold', () => {
    const config = { scenarioId: 'careless-ca', mode: 'tls13' as const, seed };
    const st = playWithBots(config);
    const secrets = viewFor(st, 'client').debrief!.capture.keyLog.map((l) => l.split(' ')[2]!);
    expect(secrets.length).toBeGreaterThan(0);
    for (let n = 0; n < st.history.length; n++) {
      const before = replayRound(config, st.history.slice(0, n));
      if (before.phase === 'debrief') continue;
      for (const viewer of [...ROLES, 'spectator'] as const) {
        const json = JSON.stringify(viewFor(before, viewer));
        // A party's own session keys are in its pocket (the application secrets, as one item).
        const own = viewer === 'spectator' ? '' : before.pockets[viewer].map((i) => bytesToHex(i.bytes)).join(' ');
        for (const secret of secrets.filter((x) => !own.includes(x)))
          expect(json.includes(secret), `${viewer} at ${before.phase}`).toBe(false);
      }
    }
  });
});
