import { applyMove, botMove, initialState, ROLES, recommendedMove, type TableState } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { baseStars, parScore, roundResult, starsFor } from './stars.ts';

const seed = new Uint8Array(32).fill(4);

function play(scenarioId: string, student: (typeof ROLES)[number], carelessStudent = false): TableState {
  let state = initialState({ scenarioId, mode: 'tls13', seed });
  while (state.phase !== 'debrief') {
    const role = ROLES.find((r) => state.awaiting.includes(r))!;
    const input =
      role === student
        ? carelessStudent
          ? botMove(state, role, 'careless')
          : recommendedMove(state, role)
        : botMove(state, role);
    const result = applyMove(state, role, input);
    if (!result.ok) throw new Error(result.error.message);
    state = result.value;
  }
  return state;
}

describe('stars', () => {
  it('gives three stars at or above par and fewer the further below', () => {
    expect([baseStars(3, 3), baseStars(5, 3), baseStars(1, 3), baseStars(-2, 3), baseStars(-3, 3)]).toEqual([
      3, 3, 2, 1, 0,
    ]);
  });

  it('takes a star per action hint and half a star per concept hint, down to one star', () => {
    const none = { concepts: 0, actions: 0 };
    expect(starsFor(3, 3, none)).toBe(3);
    expect(starsFor(3, 3, { concepts: 1, actions: 0 })).toBe(2);
    expect(starsFor(3, 3, { concepts: 2, actions: 0 })).toBe(2);
    expect(starsFor(3, 3, { concepts: 1, actions: 1 })).toBe(1);
    expect(starsFor(3, 3, { concepts: 4, actions: 4 })).toBe(1);
    expect(starsFor(0, 3, { concepts: 1, actions: 0 })).toBe(1);
    expect(starsFor(-3, 3, { concepts: 0, actions: 0 })).toBe(0);
    expect(starsFor(-3, 3, { concepts: 4, actions: 4 })).toBe(0);
  });

  it('par is what the seat scores by following the hints: a careful client in the self-signed scenario', () => {
    expect(parScore({ scenarioId: 'self-signed', mode: 'tls13', seed }, 'client')).toBe(3);
    // A CA is never advised to mis-issue, so its par is positive even where the scenario's CA is careless.
    expect(parScore({ scenarioId: 'careless-ca', mode: 'tls13', seed }, 'ca')).toBeGreaterThan(0);
  });

  it('scores a finished round: following the advice earns three stars, clicking through a forged certificate none', () => {
    const careful = roundResult(play('self-signed', 'client'), 'client', { concepts: 0, actions: 0 });
    expect(careful).toMatchObject({ scenarioId: 'self-signed', role: 'client', score: 3, par: 3, stars: 3 });
    const careless = roundResult(play('self-signed', 'client', true), 'client', { concepts: 0, actions: 0 });
    expect(careless.score).toBeLessThan(careless.par);
    expect(careless.stars).toBe(0);
    const hinted = roundResult(play('self-signed', 'client'), 'client', { concepts: 3, actions: 3 });
    expect(hinted.stars).toBeLessThan(careful.stars);
  });
});
