/** The table settings the capacity bench runs the server with: what a class would see, minus the pauses meant for people. @module */
import type { ServerSettingsOverrides } from '@handshake/server';

/**
 * How long past a player's think time the step timer waits before it plays the step itself. The bench's players
 * move after `thinkMs`; the timer is only for a player with no move left, so it must never race a thinking one
 * (at think 5 s a 5 s timer did, and gave errors that were the bench's own).
 */
const STEP_TIMER_MARGIN_MS = 10_000;

/** The server's table settings for a level whose players think `thinkMs` before each move. */
export function benchTableSettings(thinkMs: number): NonNullable<ServerSettingsOverrides['table']> {
  return {
    botMoveDelayMs: 5,
    stepTimeLimitMs: 2 * thinkMs + STEP_TIMER_MARGIN_MS,
    reconnectionWindowSeconds: 5,
    maxMessagesPerSecond: 1_000,
  };
}
