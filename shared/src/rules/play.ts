/** Plays a round to its end with bots in every seat: for tests, replays and the debrief's comparisons. @module */

import { botMove, type Personality } from './bots.ts';
import { applyMove } from './engine.ts';
import { initialState, type TableConfig } from './initial.ts';
import type { TableState } from './state.ts';
import { ROLES, type Role } from './types.ts';

export function playWithBots(
  config: TableConfig,
  personalities: Partial<Record<Role, Personality>> = {},
  maxMoves = 200,
): TableState {
  let state = initialState(config);
  for (let i = 0; i < maxMoves && state.phase !== 'debrief'; i++) {
    const role = ROLES.find((r) => state.awaiting.includes(r));
    if (!role) throw new Error(`No one can move in phase ${state.phase}`);
    const input = botMove(state, role, personalities[role]);
    if (!input) throw new Error(`The ${role} bot has no move in phase ${state.phase}`);
    const result = applyMove(state, role, input);
    if (!result.ok)
      throw new Error(`Bot move ${JSON.stringify(input.move)} rejected: ${result.error.code} ${result.error.message}`);
    state = result.value;
  }
  return state;
}

/** Replays a round from its configuration and history (with the recorded thinking times): the same state again. */
export function replayRound(config: TableConfig, history: TableState['history']): TableState {
  let state = initialState(config);
  for (const h of history) {
    const result = applyMove(
      state,
      h.role,
      { version: h.version, move: h.move },
      h.thinkMs === undefined ? undefined : { thinkMs: h.thinkMs },
    );
    if (!result.ok) throw new Error(`Move ${h.version} does not replay: ${result.error.code} ${result.error.message}`);
    state = result.value;
  }
  return state;
}
