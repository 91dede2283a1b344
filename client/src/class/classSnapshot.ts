/**
 * A class session as its pages draw it: the synchronised `PublicClass` state turned into plain data —
 * roster in join order, the leaderboard by rank, tables with their scenario's title, teams by rank.
 * @module
 */
import {
  type ClassSettings,
  findScenario,
  type PublicClassState,
  ROLES,
  type Role,
  type TimeAllowance,
} from '@handshake/shared';

export type ClassStatus = 'lobby' | 'playing' | 'between-rounds' | 'finished' | 'ended';

export interface ClassStudentEntry {
  id: string;
  nickname: string;
  connected: boolean;
  team: string;
  /** 1-based table number, 0 before the start. */
  table: number;
  role: Role | null;
  timeAllowance: TimeAllowance;
  /** Waiting for the teacher to let them in (the class approves each join). */
  pending: boolean;
  /** Has connected at least once; until then they are on their way ("joining…"). */
  arrived: boolean;
  total: number;
  rank: number;
  speedPoints: number;
  pointsByRole: Record<Role, number>;
  roundsPlayed: number;
}

export interface ClassTableEntry {
  number: number;
  code: string;
  round: number;
  scenarioTitle: string;
  /** 'waiting', the engine's phase, or 'debrief'. */
  phase: string;
  phaseTitle: string;
  stage: string;
  awaiting: Role[];
  /** Nickname per role this round; null = a bot. */
  seating: Record<Role, string | null>;
}

export interface ClassTeamEntry {
  name: string;
  total: number;
  members: number;
  rank: number;
}

export interface ClassSnapshot {
  code: string;
  status: ClassStatus;
  paused: boolean;
  locked: boolean;
  joinOpen: boolean;
  round: number;
  hostConnected: boolean;
  /** Who may come in: the teacher's cap on students, and whether each new one waits for the teacher. */
  admission: ClassAdmission;
  settings: ClassSettings;
  /** In the order they joined. */
  students: ClassStudentEntry[];
  /** The students who are in (arrived, not waiting for the teacher) by rank (ties share a rank). */
  leaderboard: ClassStudentEntry[];
  tables: ClassTableEntry[];
  teams: ClassTeamEntry[];
}

export interface ClassAdmission {
  maxStudents: number;
  approveJoins: boolean;
}

const ALLOWANCES: Record<string, TimeAllowance> = { '1': 1, '1.5': 1.5, '2': 2, unlimited: 'unlimited' };
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function classSnapshot(state: PublicClassState): ClassSnapshot {
  const students: ClassStudentEntry[] = [];
  state.students?.forEach((s) => {
    students.push({
      id: s.id,
      nickname: s.nickname,
      connected: s.connected,
      team: s.team,
      table: s.table,
      role: isRole(s.role) ? s.role : null,
      timeAllowance: ALLOWANCES[s.timeAllowance] ?? 1,
      pending: s.pending === true,
      arrived: s.arrived !== false,
      total: s.total,
      rank: s.rank,
      speedPoints: s.speedPoints,
      pointsByRole: Object.fromEntries(ROLES.map((r) => [r, s.pointsByRole?.get(r) ?? 0])) as Record<Role, number>,
      roundsPlayed: s.roundsPlayed,
    });
  });
  const nicknames = new Map(students.map((s) => [s.id, s.nickname]));
  const tables: ClassTableEntry[] = (state.tables ?? []).map((t) => ({
    number: t.number,
    code: t.code,
    round: t.round,
    scenarioTitle: findScenario(t.scenarioId)?.title ?? t.scenarioId,
    phase: t.phase,
    phaseTitle: t.phaseTitle,
    stage: t.stage,
    awaiting: [...(t.awaiting ?? [])].filter(isRole),
    seating: Object.fromEntries(ROLES.map((r) => [r, nicknames.get(t.seating?.get(r) ?? '') ?? null])) as Record<
      Role,
      string | null
    >,
  }));
  const teams: ClassTeamEntry[] = [];
  state.teams?.forEach((t) => {
    teams.push({ name: t.name, total: t.total, members: t.members, rank: t.rank });
  });
  const settings = state.settings;
  return {
    code: state.code,
    status: (state.status || 'lobby') as ClassStatus,
    paused: state.paused,
    locked: state.locked,
    joinOpen: state.joinOpen,
    round: state.round,
    hostConnected: state.hostConnected,
    admission: { maxStudents: state.maxStudents, approveJoins: state.approveJoins === true },
    settings: {
      playlist: [...(settings?.playlist ?? [])],
      rounds: settings?.rounds ?? 4,
      stepSeconds: settings?.stepSeconds ? settings.stepSeconds : null,
      tableSize: settings?.tableSize ?? 4,
      bots: settings?.bots ?? true,
      teams: settings?.teams ?? 0,
      speedPoints: settings?.speedPoints ?? false,
      generatedNicknames: settings?.generatedNicknames ?? false,
    },
    students,
    // Only students who are in: not those on their way or waiting for the teacher.
    leaderboard: students
      .filter((s) => s.arrived && !s.pending)
      .sort(
        (a, b) =>
          (a.rank || Infinity) - (b.rank || Infinity) || b.total - a.total || a.nickname.localeCompare(b.nickname),
      ),
    tables,
    teams: teams.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name)),
  };
}

/** "1st", "2nd", "3rd", "11th"… for standings read aloud and shown. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
