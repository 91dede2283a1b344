/** The live leaderboard: each student's total, per-role points and rank; team totals. Pure. @module */
import { ROLES, type Role } from '../rules/types.ts';
import type { StudentRoundResult } from './results.ts';

export interface LeaderboardStudent {
  studentId: string;
  nickname: string;
  team: string | null;
}

export interface LeaderboardEntry extends LeaderboardStudent {
  /** 1-based; students with the same points and time share a rank. */
  rank: number;
  /** Engine points plus speed points (when the class counts them). */
  total: number;
  points: number;
  speedPoints: number;
  pointsByRole: Record<Role, number>;
  roundsPlayed: number;
  /** Time spent on own moves: breaks ties (less is better). */
  thinkMs: number;
}

export interface TeamTotal {
  team: string;
  total: number;
  members: number;
  rank: number;
}

/** Sums finished rounds per student; students with no finished round appear with zeros. */
export function leaderboard(
  students: readonly LeaderboardStudent[],
  results: readonly StudentRoundResult[],
): LeaderboardEntry[] {
  const entries = new Map<string, LeaderboardEntry>();
  for (const s of students) {
    entries.set(s.studentId, {
      ...s,
      rank: 0,
      total: 0,
      points: 0,
      speedPoints: 0,
      pointsByRole: Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>,
      roundsPlayed: 0,
      thinkMs: 0,
    });
  }
  for (const r of results) {
    const entry = entries.get(r.studentId);
    if (!entry || r.status !== 'finished') continue;
    const points = r.points ?? 0;
    const speed = r.speedPoints ?? 0;
    entry.points += points;
    entry.speedPoints += speed;
    entry.total += points + speed;
    entry.pointsByRole[r.role] += points + speed;
    entry.thinkMs += r.thinkMs;
    if (r.played) entry.roundsPlayed++;
  }
  const sorted = [...entries.values()].sort(
    (a, b) => b.total - a.total || a.thinkMs - b.thinkMs || a.nickname.localeCompare(b.nickname),
  );
  sorted.forEach((entry, i) => {
    const previous = sorted[i - 1];
    entry.rank =
      previous && previous.total === entry.total && previous.thinkMs === entry.thinkMs ? previous.rank : i + 1;
  });
  return sorted;
}

export function teamTotals(entries: readonly LeaderboardEntry[]): TeamTotal[] {
  const teams = new Map<string, TeamTotal>();
  for (const e of entries) {
    if (e.team === null) continue;
    const team = teams.get(e.team) ?? { team: e.team, total: 0, members: 0, rank: 0 };
    team.total += e.total;
    team.members++;
    teams.set(e.team, team);
  }
  const sorted = [...teams.values()].sort((a, b) => b.total - a.total || a.team.localeCompare(b.team));
  sorted.forEach((team, i) => {
    const previous = sorted[i - 1];
    team.rank = previous && previous.total === team.total ? previous.rank : i + 1;
  });
  return sorted;
}
