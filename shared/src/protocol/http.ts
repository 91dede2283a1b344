/**
 * The HTTP half of the protocol: creating tables and classes, joining by code (which answers a seat
 * reservation for the WebSocket), the teacher's results, and the body of every refusal.
 * `server/src/class/README.md` describes each endpoint.
 * @module
 */
import type {
  ClassSettings,
  LeaderboardEntry,
  ReportRow,
  StudentSummary,
  TeamTotal,
  TimeAllowance,
} from '../competition/index.ts';
import type { Role } from '../rules/index.ts';
import type { ProtocolVersionStamp } from './version.ts';

export type { ClassSettings, TimeAllowance };

/** Headers that carry the teacher's secrets (never put them in a URL). */
export const HOST_KEY_HEADER = 'x-host-key';
export const TEACHER_PASSWORD_HEADER = 'x-teacher-password';

// ── Tables ───────────────────────────────────────────────────────────────

/** Answer of `POST /api/tables` (201). */
export interface CreateTableResponse {
  code: string;
  /** The key that makes whoever joins with it the table's host. */
  hostKey: string;
}

/** Body of `POST /api/tables/:code/join` (and of `POST /api/join/:code` for a table code). */
export interface TableJoinOptions extends ProtocolVersionStamp {
  nickname: string;
  /** The role to sit in; omitted = the first free seat. */
  role?: Role;
  /** Watch without a seat. */
  spectate?: boolean;
  /** The key `POST /api/tables` returned to the table's creator: it makes its holder the host. */
  hostKey?: string;
}

export type JoinErrorCode =
  | 'NO_SUCH_TABLE'
  | 'TABLE_FULL'
  | 'SEAT_TAKEN'
  | 'UNKNOWN_ROLE'
  | 'TOO_MANY_ATTEMPTS'
  | 'MALFORMED_REQUEST'
  | 'NICKNAME_MISSING'
  | 'NICKNAME_TOO_LONG'
  | 'NICKNAME_INVALID'
  | 'NICKNAME_TAKEN'
  | 'NICKNAME_REJECTED'
  | 'CLASS_TABLE'
  | 'PROTOCOL_MISMATCH';

// ── Classes ──────────────────────────────────────────────────────────────

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
export interface ClassJoinRequest extends ProtocolVersionStamp {
  /** Required unless the class uses generated nicknames, or `studentKey` is given. */
  nickname?: string;
  /** The key an earlier join returned: the same student comes back (also into a locked session). */
  studentKey?: string;
}

/** Body of `POST /api/classes/:code/host` (the host key travels in the `x-host-key` header). */
export type HostJoinRequest = ProtocolVersionStamp;

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
  | 'PROTOCOL_MISMATCH'
  | 'SERVER_ERROR';

/** The body of a refused HTTP request. */
export interface HttpErrorBody {
  error: {
    code: JoinErrorCode | 'TOO_MANY_TABLES' | 'NOT_FOUND' | 'SERVER_ERROR' | ClassHttpErrorCode;
    message: string;
  };
}
