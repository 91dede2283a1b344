/** The public part of a table, synchronised to every connection. Nothing secret belongs here. @module */
import { type SchemaType, schema, t } from '@colyseus/schema';
import type { PublicTableState } from '@handshake/shared';

/** One of the four roles' chairs. A bot plays it this round when `bot` is true. */
export const Seat = schema(
  {
    role: t.string().default(''),
    /** The human who holds the seat ('' when none); they play it from the next round on if a bot has it now. */
    sessionId: t.string().default(''),
    nickname: t.string().default(''),
    bot: t.boolean().default(true),
    connected: t.boolean().default(false),
    /** When this seat's own step time runs out (ms since the epoch; 0 = not awaited or no limit): extra time differs per seat. */
    stepDeadline: t.float64().default(0),
  },
  'Seat',
);
export type Seat = SchemaType<typeof Seat>;

/** Someone watching without a seat: a teacher's projector, or a player waiting for a free role. */
export const Spectator = schema(
  {
    nickname: t.string().default(''),
    connected: t.boolean().default(true),
  },
  'Spectator',
);
export type Spectator = SchemaType<typeof Spectator>;

export const PublicTable = schema(
  {
    code: t.string().default(''),
    hostSessionId: t.string().default(''),
    /** The scenario and protocol mode of the current round, or of the next one in the lobby and debrief. */
    scenarioId: t.string().default(''),
    mode: t.string().default(''),
    /** 'lobby' before the first round; then the rules engine's phase ('debrief' when a round is over). */
    phase: t.string().default('lobby'),
    /** The engine state's version; moves carry it. */
    version: t.uint32().default(0),
    round: t.uint16().default(0),
    /** Roles that must act now. */
    awaiting: t.array('string'),
    /** When the current step's time runs out (server clock, ms since the epoch), 0 when no human is awaited. */
    stepDeadline: t.float64().default(0),
    /** Whole seconds left in the current step, counted down once a second. */
    stepSecondsLeft: t.uint16().default(0),
    /** Keyed by role. */
    seats: t.map(Seat),
    /** Keyed by session id. */
    spectators: t.map(Spectator),
    /** Set when the table belongs to a class session: the class starts its rounds, not a table host. */
    classCode: t.string().default(''),
    /** The class paused every table: timers are stopped and moves wait. */
    paused: t.boolean().default(false),
    /** The host lets spectators see everything during the round; otherwise they see what every seat may see. */
    spectatorsSeeAll: t.boolean().default(false),
  },
  'PublicTable',
);
export type PublicTable = SchemaType<typeof PublicTable>;

/** The protocol's description of this state, which clients read: the schema must fit it (checked by the compiler). */
export const TABLE_STATE_FITS_PROTOCOL = true satisfies PublicTable extends PublicTableState ? true : never;
