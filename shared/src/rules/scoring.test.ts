import { describe, expect, it } from 'vitest';
import { botMove } from './bots.ts';
import { applyMove, MAX_THINK_MS_PER_MOVE } from './engine.ts';
import { initialState } from './initial.ts';
import { replayRound } from './play.ts';
import { compareForTies, type Standing, standings } from './scoring.ts';
import type { TableState } from './state.ts';
import { ROLES } from './types.ts';
import { viewFor } from './view.ts';

const config = { scenarioId: 'happy-path', seed: new Uint8Array(32).fill(11) };

/** Bots play the round; each move is stamped with the thinking time `timeFor` gives (as a server would). */
function playTimed(timeFor: (step: number) => number): TableState {
  let st = initialState(config);
  for (let step = 0; st.phase !== 'debrief' && step < 200; step++) {
    const role = ROLES.find((r) => st.awaiting.includes(r))!;
    const r = applyMove(st, role, botMove(st, role), { thinkMs: timeFor(step) });
    if (!r.ok) throw new Error(r.error.message);
    st = r.value;
  }
  return st;
}

describe('thinking time, supplied by the caller, breaks ties', () => {
  it('adds each accepted move’s time to its role, and records it in the history', () => {
    const st = playTimed(() => 1_000);
    const moves = Object.fromEntries(ROLES.map((r) => [r, st.history.filter((h) => h.role === r).length]));
    for (const role of ROLES) expect(st.thinkMs[role], role).toBe(moves[role]! * 1_000);
    expect(st.history.every((h) => h.thinkMs === 1_000)).toBe(true);
    expect(viewFor(st, 'spectator').thinkMs).toEqual(st.thinkMs);
  });

  it('clamps what it is given: negative or not a number counts 0, one move counts at most ten minutes', () => {
    const st = initialState(config);
    const move = { version: 0, move: { type: 'requestCertificate', domain: 'bank.example' } };
    const countedFor = (thinkMs: number) => {
      const r = applyMove(st, 'server', move, { thinkMs });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.thinkMs.server;
    };
    expect(countedFor(-5)).toBe(0);
    expect(countedFor(Number.NaN)).toBe(0);
    expect(countedFor(1e12)).toBe(MAX_THINK_MS_PER_MOVE);
    expect(countedFor(1234.4)).toBe(1234);
    // A rejected move costs nothing and changes nothing.
    const rejected = applyMove(st, 'server', { version: 3, move: move.move }, { thinkMs: 500 });
    expect(rejected.ok).toBe(false);
    expect(st.thinkMs.server).toBe(0);
  });

  it('without timings the engine counts no time at all (it reads no clock)', () => {
    let st = initialState(config);
    while (st.phase !== 'debrief') {
      const role = ROLES.find((r) => st.awaiting.includes(r))!;
      const r = applyMove(st, role, botMove(st, role));
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    expect(Object.values(st.thinkMs)).toEqual([0, 0, 0, 0]);
    expect(st.history.some((h) => 'thinkMs' in h)).toBe(false);
  });

  it('compareForTies: more points first; at equal points, less time first; a full tie is 0', () => {
    const fast: Standing = { points: 3, thinkMs: 20_000 };
    const slow: Standing = { points: 3, thinkMs: 45_000 };
    const better: Standing = { points: 4, thinkMs: 90_000 };
    expect([slow, better, fast].sort(compareForTies)).toEqual([better, fast, slow]);
    expect(compareForTies(fast, { ...fast })).toBe(0);
    const st = playTimed((step) => (step % 2 === 0 ? 2_000 : 500));
    const ranked = ROLES.map((role) => ({ role, ...standings(st)[role] })).sort(compareForTies);
    for (let i = 1; i < ranked.length; i++) expect(compareForTies(ranked[i - 1]!, ranked[i]!)).toBeLessThanOrEqual(0);
  });

  it('replayRound reproduces the state, thinking times included', () => {
    const st = playTimed((step) => 300 + step * 7);
    expect(replayRound(config, st.history)).toEqual(st);
  });
});
