import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../bytes/bytes.ts';
import { KEY_LENGTH } from '../../tls13/constants.ts';
import { trafficKeys } from '../../tls13/keySchedule.ts';
import { openRecord } from '../../tls13/record.ts';
import { botMove } from '../bots.ts';
import { applyMove } from '../engine.ts';
import { envelopeLabel } from '../envelopes.ts';
import { initialState } from '../initial.ts';
import { playWithBots } from '../play.ts';
import type { TableState } from '../state.ts';
import { PROTOCOL_MODES } from '../types.ts';
import { viewFor } from '../view.ts';
import { connectionOf, tryOpenAt } from '../world/sessions.ts';

const seed = new Uint8Array(32).fill(5);
const play = (scenarioId: string, mode: (typeof PROTOCOL_MODES)[number]) =>
  playWithBots({ scenarioId, mode, seed, rsaBits: 1024 });

describe.each(PROTOCOL_MODES)('fatal alerts on the wire (%s)', (mode) => {
  it.each(['tampered-record', 'replayed-record'])(
    '%s: the server answers with bad_record_mac sealed under its keys; the eavesdropper sees sealed bytes',
    (id) => {
      const st = play(id, mode);
      const alert = st.envelopes.at(-1)!;
      expect(alert).toMatchObject({
        kind: 'alert',
        about: 'bad_record_mac',
        from: 'server',
        to: 'client',
        conn: 'main',
        layer: 'tls',
        status: 'delivered',
      });
      expect(alert.locks).toEqual(['application-keys']);
      // An encrypted record: outer type application_data (1.3) or alert with a GCM body (1.2), never the clear 2 bytes.
      expect(alert.records[0]!.length).toBeGreaterThan(7);
      const server = connectionOf(st, 'server', 'main')!;
      const opened = tryOpenAt(server, st.recordSeqs[`${alert.id}:0`]!, alert.records[0]!);
      expect(opened).toEqual(Uint8Array.of(2, 20));
      const seen = viewFor(st, 'eavesdropper').envelopes.find((e) => e.id === alert.id)!;
      expect(seen.records[0]!.opened).toBeNull();
      // The client, holding the keys, reads it.
      const client = viewFor(st, 'client').envelopes.find((e) => e.id === alert.id)!;
      expect(hexToBytes(client.records[0]!.opened!.hex)).toEqual(Uint8Array.of(2, 20));
    },
  );
});

describe('fatal alerts before any keys', () => {
  it('downgrade: the client’s illegal_parameter alert travels in the clear', () => {
    const st = play('downgrade', 'tls13');
    const alert = st.envelopes.at(-1)!;
    expect(alert).toMatchObject({
      kind: 'alert',
      about: 'illegal_parameter',
      from: 'client',
      to: 'server',
      locks: [null],
    });
    expect(alert.records[0]).toEqual(Uint8Array.of(21, 3, 3, 0, 2, 2, 47));
  });

  it('a swapped key share: the client, unable to open the flight, alerts under its handshake keys', () => {
    const st = play('key-share-mitm', 'tls13');
    const alert = st.envelopes.at(-1)!;
    expect(alert).toMatchObject({ kind: 'alert', from: 'client', locks: ['handshake-keys'] });
    expect(alert.records[0]![0]).toBe(23);
  });

  it('a refused certificate: the browser says why (unknown_ca), under its handshake keys', () => {
    const st = play('self-signed', 'tls13');
    expect(st.envelopes.at(-1)).toMatchObject({
      from: 'client',
      conn: 'mitm-client',
      kind: 'alert',
      about: 'unknown_ca',
      locks: ['handshake-keys'],
    });
    expect(envelopeLabel(st.envelopes.at(-1)!)).toBe('Alert: unknown_ca (fatal, encrypted)');
  });

  it('classic mode, before ChangeCipherSpec: the refusal alert travels in the clear', () => {
    const st = play('expired', 'tls12-rsa');
    const alert = st.envelopes.at(-1)!;
    expect(alert).toMatchObject({ kind: 'alert', about: 'certificate_expired', locks: [null] });
    expect(envelopeLabel(alert)).toBe('Alert: certificate_expired (fatal)');
    expect(alert.records[0]).toEqual(Uint8Array.of(21, 3, 3, 0, 2, 2, 45));
  });

  it('a click-through that the stack refuses (the signature does not match): decrypt_error', () => {
    const st = playWithBots({ scenarioId: 'copied-certificate', mode: 'tls13', seed }, { client: 'careless' });
    expect(st.envelopes.at(-1)).toMatchObject({ kind: 'alert', about: 'decrypt_error', locks: ['handshake-keys'] });
  });

  it('a changed client Finished: the server, past its own Finished, alerts under its application keys', () => {
    let st: TableState = initialState({ scenarioId: 'tampered-record', mode: 'tls13', seed });
    while (st.phase !== 'debrief') {
      const role = st.awaiting[0]!;
      const finished = st.envelopes.find((e) => e.status === 'held' && e.kind === 'client-finished-tls13');
      const input =
        role === 'eavesdropper' && finished
          ? { version: st.version, move: { type: 'tamperEnvelope' as const, envelopeId: finished.id } }
          : botMove(st, role)!;
      const r = applyMove(st, role, input);
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    const alert = st.envelopes.at(-1)!;
    expect(alert).toMatchObject({
      kind: 'alert',
      from: 'server',
      about: 'bad_record_mac',
      locks: ['application-keys'],
    });
    const server = st.endpoints['server:main']!;
    const suite = (server.handshake as { cipherSuite: 4865 | 4867 }).cipherSuite;
    const keys = trafficKeys(server.secrets.serverApplicationTrafficSecret!, KEY_LENGTH[suite]);
    const opened = openRecord(keys.key, keys.iv, 0, alert.records[0]!, suite);
    expect([opened.contentType, ...opened.plaintext]).toEqual([21, 2, 20]);
  });
});
