/** What travels between a browser and a table room, named by direction, with a schema per client message. @module */

import * as v from 'valibot';
import { MoveInputSchema, type RuleErrorCode, type TableView } from '../rules/index.ts';
import { IdSchema, NoPayloadSchema } from './payload.ts';
import type { ServerToClientViewPatch } from './viewPatch.ts';

/** Role names are checked by the room (an unknown one is `UNKNOWN_ROLE`); the schema bounds their form. */
const RoleNameSchema = v.pipe(v.string(), v.maxLength(32));

/**
 * Every message a client may send to a table, keyed by type: the room validates each payload by its
 * schema before its handler runs, and answers a payload that does not fit with `rejected`.
 */
export const CLIENT_TO_SERVER_TABLE_SCHEMAS = {
  /** A move for the engine, exactly `{ version, move: { type, … } }` (the rules' own schema). */
  move: MoveInputSchema,
  /** Take a free seat (null = stand up and watch). Seats change at the next round for a bot-played seat. */
  pickRole: v.strictObject({ role: v.nullable(RoleNameSchema) }),
  /** Host only, between rounds; the mode defaults to the scenario's first. */
  configure: v.strictObject({ scenarioId: v.pipe(v.string(), v.maxLength(64)), mode: v.optional(v.string()) }),
  /** Host only: start a round now (restarts the current one if any). */
  start: NoPayloadSchema,
  /** Host only: remove a player or spectator from the table, by session id. */
  remove: v.strictObject({ sessionId: IdSchema }),
  /** Send me my whole view again (after a view patch that did not fit the view this connection holds). */
  requestView: NoPayloadSchema,
  /** Host only: let spectators see everything during a round (`all: true`), or only what every seat sees. */
  showSpectators: v.strictObject({ all: v.boolean() }),
} as const;

type TableSchemas = typeof CLIENT_TO_SERVER_TABLE_SCHEMAS;
export type ClientToServerTableType = keyof TableSchemas;
/** Each client message's payload as its handler receives it (after validation). */
export type ClientToServerTableMessages = { [K in ClientToServerTableType]: v.InferOutput<TableSchemas[K]> };
export const CLIENT_TO_SERVER_TABLE_TYPES = Object.keys(CLIENT_TO_SERVER_TABLE_SCHEMAS) as ClientToServerTableType[];

/**
 * Why a table refused a request: one list for the game server's table and the practice table in the browser,
 * which both run the lobby reducer (`table/lobby.ts`). The engine's own move codes are `RuleErrorCode`.
 */
export const TABLE_ERROR_CODES = [
  'NOT_HOST',
  'NOT_SEATED',
  'BOT_HAS_SEAT',
  'NO_ROUND',
  'ROUND_IN_PROGRESS',
  'UNKNOWN_SCENARIO',
  'UNSUPPORTED_MODE',
  'UNKNOWN_ROLE',
  'ROLE_NOT_PLAYABLE',
  'SEAT_TAKEN',
  'UNKNOWN_PLAYER',
  'UNKNOWN_MESSAGE',
  'MALFORMED_REQUEST',
  'TOO_MANY_STARTS',
  'SERVER_ERROR',
  'CLASS_TABLE',
  'PAUSED',
  'TABLE_CLOSED',
  /** A bot found no move the engine accepts (an engine bug); a table says so rather than hang. */
  'BOT_STUCK',
] as const;
export type TableErrorCode = (typeof TABLE_ERROR_CODES)[number];

/** The answer to a rejected message, sent to its sender alone; nothing changed. */
export interface ServerToClientRejected {
  request: string;
  code: RuleErrorCode | TableErrorCode;
  message: string;
}

/** Messages a table sends, keyed by type. `view` is `viewFor(state, yourRole)` from the engine. */
export interface ServerToClientTableMessages {
  view: TableView;
  /** What changed in this connection's view since the version it holds (`viewPatch.ts`). */
  viewPatch: ServerToClientViewPatch;
  rejected: ServerToClientRejected;
}
export type ServerToClientTableType = keyof ServerToClientTableMessages;
