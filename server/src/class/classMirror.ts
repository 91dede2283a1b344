/** Copies a class's settings, students, leaderboard and table progress into its synchronised state. @module */
import { type ClassSettings, type LeaderboardEntry, ROLES, type Role, type TeamTotal } from '@handshake/shared';
import type { TableProgress } from './classTable.ts';
import type { StudentRecord } from './roster.ts';
import { ClassStudent, type ClassTable, ClassTeam, type PublicClass } from './schema/ClassState.ts';

export function mirrorSettings(state: PublicClass, settings: ClassSettings): void {
  const mirror = state.settings;
  mirror.playlist.clear();
  mirror.playlist.push(...settings.playlist);
  mirror.rounds = settings.rounds;
  mirror.stepSeconds = settings.stepSeconds ?? 0;
  mirror.tableSize = settings.tableSize;
  mirror.bots = settings.bots;
  mirror.teams = settings.teams;
  mirror.speedPoints = settings.speedPoints;
  mirror.generatedNicknames = settings.generatedNicknames;
}

/** A student's roster entry; `role` is their role this round ('' when not seated). */
export function mirrorStudent(state: PublicClass, record: StudentRecord, role: Role | ''): void {
  let student = state.students.get(record.id);
  if (!student) {
    student = new ClassStudent({ id: record.id });
    for (const r of ROLES) student.pointsByRole.set(r, 0);
    state.students.set(record.id, student);
  }
  student.nickname = record.nickname;
  student.connected = record.connected;
  student.team = record.team ?? '';
  student.table = record.table ?? 0;
  student.role = role;
  student.timeAllowance = String(record.allowance);
  student.pending = record.pending;
  student.arrived = record.arrived;
}

export function mirrorSeating(view: ClassTable, seating: Record<Role, string | null>): void {
  for (const role of ROLES) view.seating.set(role, seating[role] ?? '');
}

export function mirrorProgress(view: ClassTable, progress: TableProgress): void {
  view.round = progress.round;
  view.scenarioId = progress.scenarioId;
  view.phase = progress.phase;
  view.phaseTitle = progress.phaseTitle;
  view.stage = progress.stage;
  if (view.awaiting.join() !== progress.awaiting.join()) {
    view.awaiting.clear();
    view.awaiting.push(...progress.awaiting);
  }
}

export function mirrorLeaderboard(state: PublicClass, entries: LeaderboardEntry[], teams: TeamTotal[]): void {
  for (const entry of entries) {
    const student = state.students.get(entry.studentId);
    if (!student) continue;
    student.total = entry.total;
    student.rank = entry.rank;
    student.speedPoints = entry.speedPoints;
    student.roundsPlayed = entry.roundsPlayed;
    for (const role of ROLES) student.pointsByRole.set(role, entry.pointsByRole[role]);
  }
  for (const name of [...state.teams.keys()]) if (!teams.some((t) => t.team === name)) state.teams.delete(name);
  for (const team of teams) {
    const view = state.teams.get(team.team) ?? new ClassTeam({ name: team.team });
    view.total = team.total;
    view.members = team.members;
    view.rank = team.rank;
    state.teams.set(team.team, view);
  }
}
