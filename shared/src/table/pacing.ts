/**
 * A table's pace as a pure rule: which bot moves next and after what delay, how long each awaited seat has for
 * its step, and whose step is played for them when that time runs out. The adapters own the timers (the room's
 * `this.clock`, the practice table's scheduler) and pass elapsed time back in; nothing here reads a clock.
 * @module
 */
import { ROLES, type Role } from '../rules/types.ts';
import type { Table } from './lobby.ts';

/** A table's timings. */
export interface PacingRules {
  /** How long a bot "thinks" before it moves, so people can follow (ms). */
  botDelayMs: number;
  /** How long a person has for a step before it is played for them (ms); null = as long as they like. */
  stepLimitMs: number | null;
  /** A player who dropped while awaited has at most this long (ms); null = no shorter than the step limit. */
  droppedStepLimitMs: number | null;
}

/** What to schedule now, measured from now. */
export interface Pacing {
  /** The bot-played seat that moves next (the first in seat order the engine waits for), and when; or null. */
  bot: { role: Role; delayMs: number } | null;
  /** When the idle take-over runs: the shortest step limit of any awaited seat; null = never. */
  timeoutMs: number | null;
  /** Each awaited person's step limit (ms), for their countdown; seats played by bots have none. */
  humanLimits: Partial<Record<Role, number>>;
}

const NOTHING: Pacing = { bot: null, timeoutMs: null, humanLimits: {} };

/** The seats the engine waits for now; none while paused, between rounds, at the debrief or once closed. */
export function awaitedSeats(table: Table): Role[] {
  const game = table.game;
  if (!game || table.paused || table.closed || game.phase === 'debrief') return [];
  return ROLES.filter((role) => game.awaiting.includes(role));
}

/** A seat's step limit (ms, null = none): a class student's own, or the table's; shorter for a dropped player. */
export function stepLimitFor(table: Table, role: Role): number | null {
  const seat = table.seats[role];
  const rules = table.pacing;
  if (seat.bot) return rules.stepLimitMs;
  const limit = seat.stepLimitMs !== undefined ? seat.stepLimitMs : rules.stepLimitMs;
  // No limit, or a long one, is for a player who is there; a dropped one's turn must not stall the table.
  if (!seat.connected && rules.droppedStepLimitMs !== null)
    return Math.min(limit ?? Infinity, rules.droppedStepLimitMs);
  return limit;
}

/** Which bot moves next, after what delay, and when each awaited seat's step runs out. */
export function pacingOf(table: Table): Pacing {
  const awaited = awaitedSeats(table);
  if (awaited.length === 0) return NOTHING;
  const bot = awaited.find((role) => table.seats[role].bot);
  const limits = awaited.map((role) => stepLimitFor(table, role)).filter((ms): ms is number => ms !== null);
  const humanLimits: Partial<Record<Role, number>> = {};
  for (const role of awaited) {
    const limit = stepLimitFor(table, role);
    if (!table.seats[role].bot && limit !== null) humanLimits[role] = limit;
  }
  return {
    bot: bot ? { role: bot, delayMs: table.pacing.botDelayMs } : null,
    timeoutMs: limits.length > 0 ? Math.min(...limits) : null,
    humanLimits,
  };
}

/** The awaited seats whose step limit has passed `elapsedMs` after the wait was scheduled. */
export function dueForTimeout(table: Table, elapsedMs: number): Role[] {
  return awaitedSeats(table).filter((role) => {
    const limit = stepLimitFor(table, role);
    return limit !== null && limit <= elapsedMs;
  });
}
