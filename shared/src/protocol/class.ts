/** What travels between a browser and a class room, named by direction, with a schema per client message. @module */
import * as v from 'valibot';
import type { ClassSettings } from '../competition/index.ts';
import type { Role, TableView } from '../rules/index.ts';
import { IdSchema, NoPayloadSchema, TypedTextSchema } from './payload.ts';
import type { ServerToClientRejected } from './table.ts';

/**
 * A change of settings: each field's type is checked here; its range, the scenario ids and what may change
 * after the start are the competition's rules (`updateClassSettings`), the one place settings are validated.
 */
const ClassSettingsChangeSchema = v.strictObject({
  playlist: v.optional(v.array(v.pipe(v.string(), v.maxLength(64)))),
  rounds: v.optional(v.number()),
  stepSeconds: v.optional(v.nullable(v.number())),
  tableSize: v.optional(v.number()),
  bots: v.optional(v.boolean()),
  teams: v.optional(v.number()),
  speedPoints: v.optional(v.boolean()),
  generatedNicknames: v.optional(v.boolean()),
});
// The schema names every setting and nothing else.
type SettingsKeysMatch = keyof v.InferOutput<typeof ClassSettingsChangeSchema> extends keyof ClassSettings
  ? keyof ClassSettings extends keyof v.InferOutput<typeof ClassSettingsChangeSchema>
    ? true
    : never
  : never;
const settingsKeysMatch: SettingsKeysMatch = true;
void settingsKeysMatch;

const StudentIdSchema = v.strictObject({ studentId: IdSchema });

/**
 * Every message a connection may send to the class room, keyed by type. Everything but `requestSeat` is
 * host-only. The room validates each payload by its schema before its handler runs.
 */
export const CLIENT_TO_SERVER_CLASS_SCHEMAS = {
  /** Change settings: all of them in the lobby; between rounds only playlist, rounds, stepSeconds, speedPoints. */
  configure: ClassSettingsChangeSchema,
  rename: v.strictObject({ studentId: IdSchema, nickname: TypedTextSchema }),
  /** Disconnect a student; they may join again. */
  remove: StudentIdSchema,
  /** Disconnect a student for good: their key and nickname are refused from now on. */
  ban: StudentIdSchema,
  /** Locked: no new students; students already in the session can still come back. */
  lock: v.strictObject({ locked: v.boolean() }),
  /** More time for one student (1, 1.5, 2 or 'unlimited', checked by the room); applies from their next step. */
  setTimeAllowance: v.strictObject({
    studentId: IdSchema,
    allowance: v.union([v.number(), v.pipe(v.string(), v.maxLength(16))]),
  }),
  /** Teams on: move a student to another team (a name from `state.teams`). */
  setTeam: v.strictObject({ studentId: IdSchema, team: TypedTextSchema }),
  /** Split the students into tables and start round 1. */
  start: NoPayloadSchema,
  /** Start the next round once every table is in its debrief (`force: true` ends unfinished tables' rounds as interrupted). */
  nextRound: v.optional(v.nullable(v.strictObject({ force: v.optional(v.boolean()) }))),
  /** Every table's timers stop and moves wait. */
  pause: NoPayloadSchema,
  resume: NoPayloadSchema,
  /** End the session for all tables: an unfinished round is recorded as interrupted; the results stay. */
  end: NoPayloadSchema,
  /** Student: ask again for your table seat (after your table connection was lost). */
  requestSeat: NoPayloadSchema,
  /** Host: a table's finished round, to take out of the game as a Wireshark capture or a key log. */
  /** Who may come in: at most `maxStudents` (up to the server's limit); `approveJoins` = each new student waits for `approve`. */
  admission: v.strictObject({
    maxStudents: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
    approveJoins: v.optional(v.boolean()),
  }),
  /** Let in a student who is waiting for approval (`state.students[id].pending`); `remove` turns them away. */
  approve: StudentIdSchema,
  tableDebrief: v.strictObject({ tableNumber: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) }),
} as const;

type ClassSchemas = typeof CLIENT_TO_SERVER_CLASS_SCHEMAS;
export type ClientToServerClassType = keyof ClassSchemas;
/** Each client message's payload as its handler receives it (after validation). */
export type ClientToServerClassMessages = { [K in ClientToServerClassType]: v.InferOutput<ClassSchemas[K]> };
export const CLIENT_TO_SERVER_CLASS_TYPES = Object.keys(CLIENT_TO_SERVER_CLASS_SCHEMAS) as ClientToServerClassType[];

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
  | 'UNKNOWN_TABLE'
  | 'NO_DEBRIEF'
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

/** Sent to the host alone: a table's round at its debrief, as a spectator sees it there (everything revealed). */
export interface ServerToClientTableDebrief {
  tableNumber: number;
  round: number;
  view: TableView;
}

export interface ServerToClientClassMessages {
  rejected: ServerToClientClassRejected;
  seat: ServerToClientSeat;
  tableDebrief: ServerToClientTableDebrief;
}
export type ServerToClientClassType = keyof ServerToClientClassMessages;
