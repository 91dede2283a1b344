/** One table's finished round turned into one result per student: points, speed bonus, events, outcome. Pure. @module */
import type { Outcome, ScoreEvent } from '../rules/state.ts';
import { ROLES, type Role } from '../rules/types.ts';
import { describeOutcome } from './outcome.ts';

/** The most speed points one round can add, and the pace they are measured against when there is no limit. */
export const MAX_SPEED_POINTS = 2;
export const SPEED_REFERENCE_MS = 60_000;

export type RoundStatus = 'finished' | 'in-progress' | 'interrupted';

/** How long a role's human took over their own moves in a round. */
export interface RoleTiming {
  /** Milliseconds between being awaited and moving, summed over the moves they made themselves. */
  thinkMs: number;
  moves: number;
}

/** One student's part in one round. */
export interface StudentRoundResult {
  round: number;
  table: number;
  studentId: string;
  role: Role;
  scenarioId: string;
  status: RoundStatus;
  /** false: the student was absent when the round started and a bot played the seat (no points count). */
  played: boolean;
  points: number | null;
  speedPoints: number | null;
  thinkMs: number;
  outcome: string;
  events: { points: number; reason: string }[];
}

/** What a table reports when its round reaches the debrief. */
export interface FinishedTableRound {
  round: number;
  table: number;
  scenarioId: string;
  seating: Record<Role, string | null>;
  /** Whether the seated student (not a bot) played the role from the round's start. */
  played: Record<Role, boolean>;
  scores: readonly ScoreEvent[];
  outcome: Outcome;
  timing: Record<Role, RoleTiming>;
  /** Each role's step limit in ms (null = none), the pace speed points compare against. */
  stepLimitMs: Record<Role, number | null>;
  speedPoints: boolean;
}

/**
 * Speed bonus for one role: only for a positive score earned by the student's own moves, scaled by how
 * much of their step limit they left unused on average.
 */
export function speedBonus(points: number, timing: RoleTiming, limitMs: number | null): number {
  if (points <= 0 || timing.moves === 0) return 0;
  const pace = limitMs ?? SPEED_REFERENCE_MS;
  const unused = 1 - timing.thinkMs / timing.moves / pace;
  return Math.max(0, Math.min(MAX_SPEED_POINTS, Math.round(MAX_SPEED_POINTS * unused)));
}

export function roundResults(finished: FinishedTableRound): StudentRoundResult[] {
  const outcome = describeOutcome(finished.outcome);
  const results: StudentRoundResult[] = [];
  for (const role of ROLES) {
    const studentId = finished.seating[role];
    if (studentId === null) continue;
    const played = finished.played[role];
    const events = finished.scores.filter((s) => s.role === role).map(({ points, reason }) => ({ points, reason }));
    const earned = events.reduce((sum, e) => sum + e.points, 0);
    const points = played ? earned : 0;
    const timing = finished.timing[role];
    results.push({
      round: finished.round,
      table: finished.table,
      studentId,
      role,
      scenarioId: finished.scenarioId,
      status: 'finished',
      played,
      points,
      speedPoints: finished.speedPoints && played ? speedBonus(points, timing, finished.stepLimitMs[role]) : 0,
      thinkMs: timing.thinkMs,
      outcome,
      events,
    });
  }
  return results;
}

/** Results for a round that has started but not finished: a place-holder per seated student. */
export function pendingResults(
  round: number,
  table: number,
  scenarioId: string,
  seating: Record<Role, string | null>,
  played: Record<Role, boolean>,
): StudentRoundResult[] {
  return ROLES.flatMap((role) => {
    const studentId = seating[role];
    if (studentId === null) return [];
    return [
      {
        round,
        table,
        studentId,
        role,
        scenarioId,
        status: 'in-progress' as const,
        played: played[role],
        points: null,
        speedPoints: null,
        thinkMs: 0,
        outcome: 'Round in progress',
        events: [],
      },
    ];
  });
}

export const INTERRUPTED_OUTCOME = 'Interrupted before the debrief';
