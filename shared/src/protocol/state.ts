/**
 * The synchronised room state as a client reads it. The server's Colyseus schemas
 * (`server/src/rooms/schema`, `server/src/class/schema`) are checked against these shapes at compile time,
 * so a field renamed on one side fails the build instead of reading as undefined on the other.
 * Maps are keyed as noted; strings that hold a role or a status are the engine's or the class's own values.
 * @module
 */

/**
 * A synchronised list as a client reads it: a Colyseus `ArraySchema` fits, and so does a plain array.
 * (A `readonly T[]` would not: its `concat` is typed against plain arrays.)
 */
export interface SyncedList<T> extends Iterable<T> {
  readonly length: number;
  includes(value: T): boolean;
  map<U>(each: (value: T, index: number) => U): U[];
}

/** One of the four roles' chairs. A bot plays it this round when `bot` is true. */
export interface SeatState {
  role: string;
  /** The human who holds the seat ('' when none); they play it from the next round on if a bot has it now. */
  sessionId: string;
  nickname: string;
  bot: boolean;
  connected: boolean;
  /** When this seat's own step time runs out (ms since the epoch; 0 = not awaited or no limit). */
  stepDeadline: number;
}

/** Someone watching without a seat. */
export interface SpectatorState {
  nickname: string;
  connected: boolean;
}

/** The public part of a table, synchronised to every connection. */
export interface PublicTableState {
  code: string;
  hostSessionId: string;
  /** The scenario and protocol mode of the current round, or of the next one in the lobby and debrief. */
  scenarioId: string;
  mode: string;
  /** 'lobby' before the first round; then the rules engine's phase ('debrief' when a round is over). */
  phase: string;
  /** The engine state's version; moves carry it. */
  version: number;
  round: number;
  /** Roles that must act now. */
  awaiting: SyncedList<string>;
  /** When the current step's time runs out (server clock, ms since the epoch), 0 when no human is awaited. */
  stepDeadline: number;
  /** Whole seconds left in the current step, counted down once a second. */
  stepSecondsLeft: number;
  /** Keyed by role. */
  seats: ReadonlyMap<string, SeatState>;
  /** Keyed by session id. */
  spectators: ReadonlyMap<string, SpectatorState>;
  /** Set when the table belongs to a class session: the class starts its rounds, not a table host. */
  classCode: string;
  /** The class paused every table: timers are stopped and moves wait. */
  paused: boolean;
}

/** One student on the roster and the leaderboard. */
export interface ClassStudentState {
  id: string;
  nickname: string;
  connected: boolean;
  /** Team name, '' when teams are off. */
  team: string;
  /** 1-based table number, 0 before the start (or for a latecomer waiting for the next round). */
  table: number;
  /** The role this round, '' when not seated. */
  role: string;
  /** '1', '1.5', '2' or 'unlimited'. */
  timeAllowance: string;
  /** Joined, and waiting for the teacher to let them in (only when the class approves each join). */
  pending: boolean;
  /** Has connected at least once; a join whose reservation runs out unused leaves the roster again. */
  arrived: boolean;
  total: number;
  rank: number;
  speedPoints: number;
  /** Keyed by role. */
  pointsByRole: ReadonlyMap<string, number>;
  roundsPlayed: number;
}

/** One table of the competition, for the dashboard and the projector. */
export interface ClassTableState {
  number: number;
  code: string;
  round: number;
  scenarioId: string;
  /** 'waiting' before its first round, then the engine's phase ('debrief' when the round is over). */
  phase: string;
  phaseTitle: string;
  stage: string;
  awaiting: SyncedList<string>;
  /** Student id per role this round; '' = a bot plays it. */
  seating: ReadonlyMap<string, string>;
}

export interface ClassTeamState {
  name: string;
  total: number;
  members: number;
  rank: number;
}

/** The class's settings as the host last saved them (stepSeconds 0 = no limit). */
export interface PublicClassSettings {
  playlist: SyncedList<string>;
  rounds: number;
  stepSeconds: number;
  tableSize: number;
  bots: boolean;
  teams: number;
  speedPoints: boolean;
  generatedNicknames: boolean;
}

/** The public part of a class session, synchronised to the host, the projector and every student. */
export interface PublicClassState {
  code: string;
  /** 'lobby' | 'playing' | 'between-rounds' | 'finished' | 'ended'. */
  status: string;
  paused: boolean;
  locked: boolean;
  /** New students may join (not locked, not ended). */
  joinOpen: boolean;
  /** The current round (0 in the lobby). */
  round: number;
  hostConnected: boolean;
  /** The most students the teacher lets in (at most the server's limit). */
  maxStudents: number;
  /** The teacher approves each new student before they are in. */
  approveJoins: boolean;
  settings: PublicClassSettings;
  /** Keyed by student id. */
  students: ReadonlyMap<string, ClassStudentState>;
  tables: SyncedList<ClassTableState>;
  /** Keyed by team name; empty when teams are off. */
  teams: ReadonlyMap<string, ClassTeamState>;
}
