import { describe, expect, it } from 'vitest';
import { utf8Decode } from '../bytes/bytes.ts';
import { playWithBots, replayRound } from './play.ts';
import { POINTS } from './scoring.ts';
import type { TableState } from './state.ts';
import { PROTOCOL_MODES, type Role } from './types.ts';
import { viewFor } from './view.ts';

const seed = new Uint8Array(32).fill(21);
const item = (st: TableState, role: Role, id: string) => st.pockets[role].find((i) => i.id === id)?.bytes;

describe.each(PROTOCOL_MODES)('an impersonating eavesdropper relays to the real server (%s)', (mode) => {
  const play = (scenarioId: string, careless = false) =>
    playWithBots({ scenarioId, mode, seed, rsaBits: 1024 }, careless ? { client: 'careless' } : {});

  it('careless CA: the real server gets the login and the client its reply, while the eavesdropper reads both', () => {
    const st = play('careless-ca');
    expect(st.outcome.sessionCompleted).toBe(true);
    expect(st.outcome.connectionAborted).toBeNull();
    expect(st.outcome.secretReadBy).toEqual(['eavesdropper']);
    const login = item(st, 'client', 'login-secret');
    expect(item(st, 'eavesdropper', 'stolen-login')).toEqual(login);
    expect(item(st, 'server', 'received-login')).toEqual(login);
    // Two connections, each with its own keys: the server's are not the client's.
    expect(item(st, 'server', 'session-keys')).not.toEqual(item(st, 'client', 'session-keys'));
    expect(st.scores).toContainEqual(
      expect.objectContaining({ role: 'eavesdropper', points: POINTS.eavesdropperUnnoticed }),
    );
    expect(st.scores).toContainEqual(expect.objectContaining({ role: 'server', points: POINTS.serverServed }));
  });

  it('each side sees only its own half; the eavesdropper opens records on both', () => {
    const st = play('careless-ca');
    // The last state before the debrief (which reveals everything), replayed from the history.
    const before = replayRound({ scenarioId: 'careless-ca', mode, seed, rsaBits: 1024 }, st.history.slice(0, -1));
    expect(before.phase).not.toBe('debrief');
    const halves = (viewer: Role) => new Set(viewFor(before, viewer).envelopes.map((e) => st.envelopes[e.id]!.conn));
    expect(halves('client').has('mitm-server')).toBe(false);
    expect(halves('server').has('mitm-client')).toBe(false);
    expect(halves('eavesdropper')).toEqual(new Set([null, 'main', 'mitm-client', 'mitm-server']));
    const opened = viewFor(st, 'eavesdropper')
      .envelopes.filter((e) => e.records.some((r) => r.lock === 'application keys' && r.opened))
      .map((e) => st.envelopes[e.id]!.conn);
    expect(new Set(opened)).toEqual(new Set(['mitm-client', 'mitm-server']));
    const reply = viewFor(st, 'client').envelopes.find(
      (e) => e.label.startsWith('HTTP 200 Welcome') && st.envelopes[e.id]!.conn === 'mitm-client',
    )!;
    expect(utf8Decode(Uint8Array.from(Buffer.from(reply.records.at(-1)!.opened!.hex, 'hex')))).toMatch(/Welcome back/);
  });

  it('a careful client refuses the impostor: the server’s half goes no further than its handshake', () => {
    const st = play('self-signed');
    expect(st.outcome.clientRejected).toBe('SELF_SIGNED');
    expect(item(st, 'server', 'received-login')).toBeUndefined();
    expect(st.history.some((h) => h.role === 'server' && h.move.type === 'sendServerHello')).toBe(true);
  });
});
