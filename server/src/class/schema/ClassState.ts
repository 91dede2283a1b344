/** The public part of a class session, synchronised to the host, the projector and every student. No secrets. @module */
import { type SchemaType, schema, t } from '@colyseus/schema';
import type { PublicClassState } from '@handshake/shared';

/** One student on the roster and the leaderboard. Keyed by student id in `PublicClass.students`. */
export const ClassStudent = schema(
  {
    id: t.string().default(''),
    nickname: t.string().default(''),
    connected: t.boolean().default(false),
    /** Team name, '' when teams are off. */
    team: t.string().default(''),
    /** 1-based table number, 0 before the start (or for a latecomer waiting for the next round). */
    table: t.uint8().default(0),
    /** The role this round, '' when not seated. */
    role: t.string().default(''),
    /** '1', '1.5', '2' or 'unlimited'. */
    timeAllowance: t.string().default('1'),
    /** Joined, and waiting for the teacher to let them in (only when the class approves each join). */
    pending: t.boolean().default(false),
    /** Has connected at least once; a join whose reservation runs out unused leaves the roster again. */
    arrived: t.boolean().default(false),
    /** Leaderboard: total (points plus speed points when counted), rank (1-based, ties share), per role. */
    total: t.int32().default(0),
    rank: t.uint16().default(0),
    speedPoints: t.int32().default(0),
    pointsByRole: t.map('int32'),
    roundsPlayed: t.uint8().default(0),
  },
  'ClassStudent',
);
export type ClassStudent = SchemaType<typeof ClassStudent>;

/** One table of the competition, for the dashboard and the projector ("the current step of each table"). */
export const ClassTable = schema(
  {
    number: t.uint8().default(0),
    /** The table room's code (students get a seat reservation for it; anyone may spectate by code). */
    code: t.string().default(''),
    round: t.uint8().default(0),
    scenarioId: t.string().default(''),
    /** 'waiting' before its first round, then the engine's phase ('debrief' when the round is over). */
    phase: t.string().default('waiting'),
    phaseTitle: t.string().default(''),
    /** The step's stage name from the engine's phase table (e.g. "Certificate", "Handshake"). */
    stage: t.string().default(''),
    awaiting: t.array('string'),
    /** Student id per role this round; '' = a bot plays it. */
    seating: t.map('string'),
  },
  'ClassTable',
);
export type ClassTable = SchemaType<typeof ClassTable>;

export const ClassTeam = schema(
  {
    name: t.string().default(''),
    total: t.int32().default(0),
    members: t.uint8().default(0),
    rank: t.uint8().default(0),
  },
  'ClassTeam',
);
export type ClassTeam = SchemaType<typeof ClassTeam>;

/** The class's settings as the host last saved them (see `ClassSettings`; stepSeconds 0 = no limit). */
export const ClassSettingsState = schema(
  {
    playlist: t.array('string'),
    rounds: t.uint8().default(4),
    stepSeconds: t.float32().default(0),
    tableSize: t.uint8().default(4),
    bots: t.boolean().default(true),
    teams: t.uint8().default(0),
    speedPoints: t.boolean().default(false),
    generatedNicknames: t.boolean().default(false),
  },
  'ClassSettingsState',
);
export type ClassSettingsState = SchemaType<typeof ClassSettingsState>;

export const PublicClass = schema(
  {
    code: t.string().default(''),
    /** 'lobby' | 'playing' | 'between-rounds' | 'finished' | 'ended'. */
    status: t.string().default('lobby'),
    paused: t.boolean().default(false),
    locked: t.boolean().default(false),
    /** New students may join (not locked, not ended): the projector shows the code while this holds. */
    joinOpen: t.boolean().default(true),
    /** The current round (0 in the lobby) of `settings.rounds`. */
    round: t.uint8().default(0),
    hostConnected: t.boolean().default(false),
    /** The most students the teacher lets in (at most the server's limit). */
    maxStudents: t.uint16().default(0),
    /** The teacher approves each new student before they are in. */
    approveJoins: t.boolean().default(false),
    settings: t.ref(ClassSettingsState),
    /** Keyed by student id. */
    students: t.map(ClassStudent),
    tables: t.array(ClassTable),
    /** Keyed by team name; empty when teams are off. */
    teams: t.map(ClassTeam),
  },
  'PublicClass',
);
export type PublicClass = SchemaType<typeof PublicClass>;

/** The protocol's description of this state, which clients read: the schema must fit it (checked by the compiler). */
export const CLASS_STATE_FITS_PROTOCOL = true satisfies PublicClass extends PublicClassState ? true : never;
