/**
 * What travels between a browser and a class session (HTTP and the `class` room), named by direction.
 * The client imports these types; `server/src/class/README.md` describes each endpoint and message.
 * @module
 */
import type {
  ClassSettings,
  LeaderboardEntry,
  ReportRow,
  Role,
  StudentSummary,
  TeamTotal,
  TimeAllowance,
} from '@handshake/shared';
import type { ServerToClientRejected } from '../protocol.ts';

export type { ClassSettings, TimeAllowance };

// ── HTTP ─────────────────────────────────────────────────────────────────

/** Headers that carry the teacher's secrets (never put them in a URL). */
export const HOST_KEY_HEADER = 'x-host-key';
export const TEACHER_PASSWORD_HEADER = 'x-teacher-password';

/** Body of `POST /api/classes`. */
export interface CreateClassRequest {
  /** Required when the server was started with a teacher password. */
  teacherPassword?: string;
  /** A host key from an earlier session in this browser, so one key lists all of the teacher's sessions. */
  hostKey?: string;
  /** Starting settings; anything left out takes the default. */
  settings?: Partial<ClassSettings>;
}

/** Answer of `POST /api/classes` (201). */
export interface CreateClassResponse {
  /** Six characters, the same alphabet and namespace as table codes. */
  code: string;
  /** The session's stable id (codes are reused after a session ends): for results, CSV and deletion. */
  sessionId: string;
  /** Keep it in the teacher's browser; it controls this session and lists the teacher's past sessions. */
  hostKey: string;
  settings: ClassSettings;
}

/** Body of `POST /api/join/:code` (and of `POST /api/classes/:code/join`). */
export interface ClassJoinRequest {
  /** Required unless the class uses generated nicknames, or `studentKey` is given. */
  nickname?: string;
  /** The key an earlier join returned: the same student comes back (also into a locked session). */
  studentKey?: string;
}

/** Answer of `POST /api/join/:code` for a class code; `consumeSeatReservation(reservation)` joins the `class` room. */
export interface ClassJoinResponse {
  kind: 'class';
  code: string;
  studentId: string;
  /** Keep it (sessionStorage) to come back as the same student after a reload. */
  studentKey: string;
  nickname: string;
  reservation: unknown;
}

/** Answer of `POST /api/join/:code` for a table code (the body is then a `TableJoinOptions`). */
export interface TableJoinResponse {
  kind: 'table';
  code: string;
  reservation: unknown;
}

export type JoinByCodeResponse = ClassJoinResponse | TableJoinResponse;

/** Answer of `POST /api/classes/:code/host` (header `x-host-key`): a seat in the class room with host powers. */
export interface HostJoinResponse {
  kind: 'class';
  code: string;
  sessionId: string;
  reservation: unknown;
}

/** One past or live session in `GET /api/classes`. */
export interface ClassSessionListing {
  sessionId: string;
  code: string;
  createdAt: string;
  endedAt: string | null;
  /** 'live' in this process; 'ended' by the host; 'interrupted' when the server stopped while it ran. */
  status: 'live' | 'ended' | 'interrupted';
  students: number;
  roundsFinished: number;
  settings: ClassSettings;
}

/** One student's part in one round at one table: a row of the results and of the CSV (see `ReportRow`). */
export type ClassResultRow = ReportRow;

/** Answer of `GET /api/classes/:sessionId/results`. */
export interface ClassResults {
  session: ClassSessionListing;
  rows: ClassResultRow[];
  leaderboard: LeaderboardEntry[];
  teams: TeamTotal[];
  summary: StudentSummary[];
}

export type ClassHttpErrorCode =
  | 'PASSWORD_REQUIRED'
  | 'WRONG_PASSWORD'
  | 'HOST_KEY_REQUIRED'
  | 'NOT_HOST'
  | 'NO_SUCH_CODE'
  | 'NO_SUCH_CLASS'
  | 'NO_SUCH_SESSION'
  | 'SESSION_LOCKED'
  | 'BANNED'
  | 'CLASS_FULL'
  | 'CLASS_ENDED'
  | 'INVALID_SETTINGS'
  | 'UNKNOWN_SCENARIO'
  | 'MALFORMED_REQUEST'
  | 'TOO_MANY_ATTEMPTS'
  | 'TOO_MANY_CLASSES'
  | 'STORAGE_UNAVAILABLE'
  | 'SERVER_ERROR';

// ── The `class` room (WebSocket) ─────────────────────────────────────────

/** Messages a connection sends to the class room, keyed by type. Everything but `requestSeat` is host-only. */
export interface ClientToServerClassMessages {
  /** Change settings: all of them in the lobby; between rounds only playlist, rounds, stepSeconds, speedPoints. */
  configure: Partial<ClassSettings>;
  rename: { studentId: string; nickname: string };
  /** Disconnect a student; they may join again. */
  remove: { studentId: string };
  /** Disconnect a student for good: their key and nickname are refused from now on. */
  ban: { studentId: string };
  /** Locked: no new students; students already in the session can still come back. */
  lock: { locked: boolean };
  /** More time for one student (1, 1.5, 2 or 'unlimited'); applies from their next step. */
  setTimeAllowance: { studentId: string; allowance: TimeAllowance };
  /** Teams on: move a student to another team (a name from `state.teams`). */
  setTeam: { studentId: string; team: string };
  /** Split the students into tables and start round 1. */
  start: undefined;
  /** Start the next round once every table is in its debrief (`force: true` ends unfinished tables' rounds as interrupted). */
  nextRound: { force?: boolean } | undefined;
  /** Every table's timers stop and moves wait. */
  pause: undefined;
  resume: undefined;
  /** End the session for all tables: an unfinished round is recorded as interrupted; the results stay. */
  end: undefined;
  /** Student: ask again for your table seat (after your table connection was lost). */
  requestSeat: undefined;
  /** Who may come in: at most `maxStudents` (up to the server's limit); `approveJoins` = each new student waits for `approve`. */
  admission: { maxStudents?: number; approveJoins?: boolean };
  /** Let in a student who is waiting for approval (`state.students[id].pending`); `remove` turns them away. */
  approve: { studentId: string };
}
export type ClientToServerClassType = keyof ClientToServerClassMessages;

export type ClassErrorCode =
  | 'NOT_HOST'
  | 'NOT_A_STUDENT'
  | 'UNKNOWN_STUDENT'
  | 'UNKNOWN_TEAM'
  | 'INVALID_SETTINGS'
  | 'UNKNOWN_SCENARIO'
  | 'INVALID_ALLOWANCE'
  | 'NICKNAME_MISSING'
  | 'NICKNAME_TOO_LONG'
  | 'NICKNAME_INVALID'
  | 'NICKNAME_TAKEN'
  | 'NICKNAME_REJECTED'
  | 'NO_STUDENTS'
  | 'ALREADY_STARTED'
  | 'NOT_STARTED'
  | 'TABLES_STILL_PLAYING'
  | 'NO_MORE_ROUNDS'
  | 'NOT_PAUSED'
  | 'ALREADY_PAUSED'
  | 'CLASS_ENDED'
  | 'NO_SEAT'
  | 'SEAT_UNAVAILABLE'
  | 'NOT_PENDING'
  | 'RESUMING'
  | 'MALFORMED_REQUEST'
  | 'UNKNOWN_MESSAGE'
  | 'SERVER_ERROR';

/** The answer to a refused class message, to its sender alone; nothing changed. */
export interface ServerToClientClassRejected extends Omit<ServerToClientRejected, 'code'> {
  code: ClassErrorCode;
}

/** Sent to one student when they have a table seat: join the table with `consumeSeatReservation(reservation)`. */
export interface ServerToClientSeat {
  round: number;
  tableNumber: number;
  tableCode: string;
  /** The role this round (it rotates each round; the table's state always has the current one). */
  role: Role;
  reservation: unknown;
}

export interface ServerToClientClassMessages {
  rejected: ServerToClientClassRejected;
  seat: ServerToClientSeat;
}

/** WebSocket close codes from the class room (4201 = removed, shared with tables). */
export const CLOSE_BANNED_BY_HOST = 4202;
export const CLOSE_CLASS_ENDED = 4203;
/** A newer connection of the same student (another tab, a reload) took over this one, in a class or at its table. */
export const CLOSE_REPLACED = 4204;
