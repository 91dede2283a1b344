/** The rules engine's entry points: initial state, applying a move, legal moves. @module */

import { receive } from './arrivals/receive.ts';
import { advance } from './flow.ts';
import {
  MOVES,
  type Move,
  type MoveInput,
  type MoveType,
  movesAllowed,
  parseMoveInput,
  rolesFor,
} from './moves/index.ts';
import { PHASES } from './phases.ts';
import type { TableState } from './state.ts';
import { err, ok, type Result, ROLES, type Role } from './types.ts';

/** What the caller (the server, never the player) measured about a move: the engine reads no clock. */
export interface MoveTiming {
  /** Milliseconds the role spent on this move, e.g. from the step's start to the move's arrival. */
  thinkMs: number;
}

/** One move counts for at most ten minutes of thinking, so a forgotten tab cannot dominate the tie-break. */
export const MAX_THINK_MS_PER_MOVE = 600_000;

/**
 * Validates an untrusted move and applies it. Never throws; a rejected move leaves `state` untouched.
 * `timing` is optional and trusted (it comes from the caller's clock); it only feeds the tie-break.
 */
export function applyMove(state: TableState, role: Role, input: unknown, timing?: MoveTiming): Result<TableState> {
  if (!(ROLES as readonly string[]).includes(role))
    return err('NOT_YOUR_ROLE', 'Only the four roles at the table can make moves.');
  const parsed = parseMoveInput(input);
  if (!parsed.ok) return err('MALFORMED_MOVE', parsed.message);
  const { version, move } = parsed.value;
  const check = checkTurn(state, role, move, version);
  if (!check.ok) return check;
  const next = structuredClone(state);
  const thinkMs = timing === undefined ? undefined : clampThinkMs(timing.thinkMs);
  next.history.push(thinkMs === undefined ? { role, move, version } : { role, move, version, thinkMs });
  next.thinkMs[role] += thinkMs ?? 0;
  let result: Result<void>;
  try {
    result = MOVES[move.type].apply(next, role, move);
    if (result.ok) {
      letEnvelopesArrive(next);
      advance(next, move.type);
    }
  } catch (error) {
    // A handler must not throw; if one does, the move is refused and the table goes on.
    return err('ILLEGAL_CHOICE', `The engine could not apply that move (${(error as Error).message}).`);
  }
  if (!result.ok) return result;
  next.version = state.version + 1;
  return ok(next);
}

/**
 * Moves only send; here every envelope that reached its recipient during the move is received, in the order
 * it arrived, and whatever the recipients' stacks send in answer joins the queue.
 */
function letEnvelopesArrive(state: TableState): void {
  for (let id = state.arrivals.shift(); id !== undefined; id = state.arrivals.shift())
    receive(state, state.envelopes[id]!);
}

function clampThinkMs(ms: number): number {
  return Number.isFinite(ms) ? Math.min(Math.max(0, Math.round(ms)), MAX_THINK_MS_PER_MOVE) : 0;
}

function checkTurn(state: TableState, role: Role, move: Move, version: number): Result<void> {
  if (state.phase === 'debrief')
    return err('ROUND_OVER', 'The round is over: no more moves until the host starts the next one.');
  if (!rolesFor(move.type).has(role))
    return err('NOT_YOUR_ROLE', `As the ${roleName(role)} you cannot ${describeMove(move.type)}.`);
  if (version !== state.version && !commutes(state, role, version))
    return err('STALE_VERSION', 'The table moved on since you chose that: look again and choose once more.');
  if (!movesAllowed(state.phase, role).includes(move.type))
    return err(
      'WRONG_PHASE',
      `You cannot ${describeMove(move.type)} now: this step is “${PHASES[state.phase].title}”.`,
    );
  if (!state.awaiting.includes(role))
    return err('NOT_YOUR_TURN', 'You have already acted in this step: wait for the others.');
  return ok(undefined);
}

/**
 * Parallel turns: a move made against an older version still stands when it was made in the current step and
 * its role has not moved since — the moves made meanwhile were the other awaited roles', which commute with it.
 */
function commutes(state: TableState, role: Role, version: number): boolean {
  if (version > state.version || version < state.stepSince) return false;
  // history[i] was applied at version i.
  return !state.history.slice(version).some((h) => h.role === role);
}

export function roleName(role: Role): string {
  return { client: 'client', server: 'server', ca: 'certificate authority', eavesdropper: 'eavesdropper' }[role];
}

export function describeMove(type: MoveType): string {
  return MOVES[type].words;
}

export type { MoveInput };
