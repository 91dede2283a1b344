/** What travels between a browser and a table, named by direction. The client imports these types. @module */
import type { ProtocolMode, Role, RuleErrorCode } from '@handshake/shared';
import type { ClassHttpErrorCode } from './class/protocol.ts';

/** Options for joining a table (body of `POST /api/tables/:code/join`). */
export interface TableJoinOptions {
  nickname: string;
  /** The role to sit in; omitted = the first free seat. */
  role?: Role;
  /** Watch without a seat. */
  spectate?: boolean;
  /** The key `POST /api/tables` returned to the table's creator: it makes its holder the host. */
  hostKey?: string;
}

/** Messages a client sends, keyed by message type. */
export interface ClientToServerMessages {
  /** A move for the engine, exactly `{ version, move: { type, … } }`. */
  move: unknown;
  /** Take a free seat (null = stand up and watch). Seats change at the next round for a bot-played seat. */
  pickRole: { role: Role | null };
  /** Host only, between rounds. */
  configure: { scenarioId: string; mode: ProtocolMode };
  /** Host only: start a round now (restarts the current one if any). */
  start: undefined;
  /** Host only: remove a player or spectator from the table. */
  remove: { sessionId: string };
  /** Host only: let spectators see everything during a round (`all: true`), or only what every seat sees. */
  showSpectators: { all: boolean };
}
export type ClientToServerType = keyof ClientToServerMessages;

export type TableErrorCode =
  | 'NOT_HOST'
  | 'NOT_SEATED'
  | 'BOT_HAS_SEAT'
  | 'NO_ROUND'
  | 'ROUND_IN_PROGRESS'
  | 'UNKNOWN_SCENARIO'
  | 'UNSUPPORTED_MODE'
  | 'UNKNOWN_ROLE'
  | 'SEAT_TAKEN'
  | 'UNKNOWN_PLAYER'
  | 'UNKNOWN_MESSAGE'
  | 'MALFORMED_REQUEST'
  | 'SERVER_ERROR'
  | 'CLASS_TABLE'
  | 'PAUSED'
  | 'TOO_MANY_STARTS';

/** The answer to a rejected message, sent to its sender alone; nothing changed. */
export interface ServerToClientRejected {
  request: string;
  code: RuleErrorCode | TableErrorCode;
  message: string;
}

/** Messages the server sends, keyed by message type. `view` is `viewFor(state, yourRole)` from the engine. */
export interface ServerToClientMessages {
  view: unknown;
  rejected: ServerToClientRejected;
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
  | 'CLASS_TABLE';

/** The body of a refused HTTP request. */
export interface HttpErrorBody {
  error: {
    code: JoinErrorCode | 'TOO_MANY_TABLES' | 'NOT_FOUND' | 'SERVER_ERROR' | ClassHttpErrorCode;
    message: string;
  };
}

/** WebSocket close code when the host removes someone; the client does not try to reconnect. */
export const CLOSE_REMOVED_BY_HOST = 4201;
