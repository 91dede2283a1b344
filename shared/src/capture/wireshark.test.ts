/**
 * Rounds of several scenarios, exported as .pcapng and opened by Debian's tshark with no settings:
 * the key log inside the file decrypts them, the attacks carry comments, and nothing is flagged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hexToBytes, utf8Decode } from '../bytes/bytes.ts';
import { playWithBots } from '../rules/play.ts';
import { PROTOCOL_MODES } from '../rules/types.ts';
import { type TableView, viewFor } from '../rules/view.ts';
import { keyLogText, roundPcapng } from './roundCapture.ts';

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
const seed = new Uint8Array(32).fill(11);
const dir = mkdtempSync(join(tmpdir(), 'handshake-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What tshark makes of one packet (fields by name; several values of a field joined by commas). */
type Dissected = Record<(typeof FIELDS)[number], string>;

const FIELDS = [
  'ip.src',
  'tcp.flags.syn',
  'tcp.flags.ack',
  'frame.comment',
  'http.request.method',
  'http.request.uri',
  'http.request.version',
  'http.host',
  'urlencoded-form.key',
  'urlencoded-form.value',
  'http.response.code',
  'tls.alert_message.desc',
  'tls.handshake.type',
] as const;

/**
 * One tshark run per file: every packet's fields, then the expert summary. -n: no name resolution; no
 * -o tls.keylog_file: the key log comes from the file's Decryption Secrets Block alone.
 */
function openInTshark(file: string): { packets: Dissected[]; expert: string } {
  const out = execFileSync(
    'tshark',
    ['-n', '-r', file, '-z', 'expert', '-T', 'fields', '-E', 'occurrence=a', ...FIELDS.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const split = out.indexOf('\n\n');
  const lines = (split < 0 ? out : out.slice(0, split)).split('\n').filter(Boolean);
  const packets = lines.map(
    (line) => Object.fromEntries(line.split('\t').map((value, i) => [FIELDS[i], value])) as Dissected,
  );
  return { packets, expert: split < 0 ? '' : out.slice(split) };
}

/** Plays a scenario with bots, writes its capture as the debrief's button would, and opens it in tshark. */
function exported(scenarioId: string, mode: (typeof PROTOCOL_MODES)[number], careless = false) {
  const state = playWithBots({ scenarioId, mode, seed, rsaBits: 1024 }, careless ? { client: 'careless' } : {});
  const view = viewFor(state, 'client');
  const file = join(dir, `${scenarioId}-${mode}.pcapng`);
  writeFileSync(file, roundPcapng(view));
  return { view, ...openInTshark(file) };
}

const login = (view: TableView) =>
  utf8Decode(hexToBytes(view.debrief!.pockets.client.find((i) => i.kind === 'login-secret')!.hex));

/** Each decrypted HTTP request as "METHOD URI VERSION Host body". */
const httpRequests = (packets: Dissected[]) =>
  packets
    .filter((p) => p['http.request.method'])
    .map((p) => {
      const values = p['urlencoded-form.value'].split(',');
      const body = p['urlencoded-form.key']
        .split(',')
        .filter(Boolean)
        .map((k, i) => `${k}=${values[i]}`);
      return `${p['http.request.method']} ${p['http.request.uri']} ${p['http.request.version']} ${p['http.host']} ${body.join('&')}`;
    });

const comments = (packets: Dissected[]) => packets.map((p) => p['frame.comment']).filter(Boolean);

/** The expert summary's warning and error sections (notes and chats are fine: SYN, FIN). */
const flagged = (expert: string) =>
  expert.split('\n').filter((line) => /^(Warnings|Errors) \(/.test(line) || /malformed/i.test(line));

describe('tshark is there to check the captures', () => {
  // Locally a missing tshark skips the checks below; in CI it is installed by scripts/test-deps.sh and must be.
  it.runIf(process.env.CI)('is installed in CI', () => expect(hasTshark).toBe(true));
});

describe.runIf(hasTshark).each(PROTOCOL_MODES)('a round opened in tshark (%s)', (mode) => {
  it.each(['happy-path', 'key-leak'])(
    '%s: the login is an HTTP/1.1 request inside the decrypted TLS, and nothing is flagged',
    (id) => {
      const { view, packets, expert } = exported(id, mode);
      expect(httpRequests(packets)).toEqual([`POST /login HTTP/1.1 bank.example ${login(view)}`]);
      expect(packets.map((p) => p['http.response.code']).filter(Boolean)).toEqual(['200']);
      // TLS 1.3: the segment with the reply carries the NewSessionTicket (type 4) before it, decrypted too.
      const reply = packets.find((p) => p['http.response.code'] === '200')!;
      expect(reply['tls.handshake.type'].split(',')).toEqual(mode === 'tls13' ? ['4'] : ['']);
      expect(comments(packets)).toEqual([]);
      expect(flagged(expert)).toEqual([]);
    },
  );

  it('tampered record: a comment on the flipped record, and the bank’s alert decrypts as bad_record_mac', () => {
    const { packets, expert } = exported('tampered-record', mode);
    expect(comments(packets)).toEqual([expect.stringMatching(/HTTP POST \/login.*flipped a byte/)]);
    // The altered record does not open, for Wireshark either: no HTTP request appears.
    expect(httpRequests(packets)).toEqual([]);
    const alerts = packets.filter((p) => p['tls.alert_message.desc']);
    expect(alerts.map((p) => [p['ip.src'], p['tls.alert_message.desc']])).toEqual([['127.0.0.3', '20']]);
    expect(flagged(expert)).toEqual([]);
  });

  it('a man in the middle: two TCP connections, the login decrypted on both halves, the forgeries commented', () => {
    const { view, packets, expert } = exported('careless-ca', mode);
    const opens = packets.filter((p) => p['tcp.flags.syn'] === '1' && p['tcp.flags.ack'] === '0');
    expect(opens.map((p) => p['ip.src'])).toEqual(['127.0.0.2', '127.0.0.4']);
    const request = `POST /login HTTP/1.1 bank.example ${login(view)}`;
    expect(httpRequests(packets)).toEqual([request, request]);
    const notes = comments(packets);
    expect(notes.some((c) => /ClientHello.*answered in the bank’s place/.test(c))).toBe(true);
    expect(notes.filter((c) => /forged by the eavesdropper/.test(c)).length).toBeGreaterThanOrEqual(4);
    expect(flagged(expert)).toEqual([]);
  });
});

describe('the .keylog download', () => {
  it.each(PROTOCOL_MODES)('is the debrief’s key log, one SSLKEYLOGFILE line per secret (%s)', (mode) => {
    const view = viewFor(playWithBots({ scenarioId: 'happy-path', mode, seed, rsaBits: 1024 }), 'server');
    const lines = keyLogText(view).trimEnd().split('\n');
    expect(lines).toEqual(view.debrief!.capture.keyLog);
    for (const line of lines) expect(line).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64,96}$/);
  });
});
