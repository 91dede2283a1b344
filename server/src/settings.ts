/** The server's timings and limits as named constants, overridable for tests and deployments. @module */
import { fileURLToPath } from 'node:url';
import type { TableState } from '@handshake/shared';

export const DEFAULT_PORT = 2567;

/** Timings and limits of one table room. */
export interface TableSettings {
  /** How long a bot "thinks" before it moves, so people can follow (ms). */
  botMoveDelayMs: number;
  /** How long a human has for a step before a bot plays it for them (ms). */
  stepTimeLimitMs: number;
  /** A player who drops while it is their turn has at most this long (ms) before their step is played for them. */
  droppedStepLimitMs: number;
  /** How long a dropped player's seat, role and view wait for them (s). */
  reconnectionWindowSeconds: number;
  /** Messages one connection may send per second before it is disconnected. */
  maxMessagesPerSecond: number;
  /** Connections without a seat (a teacher's projector, latecomers) besides the four players. */
  maxSpectators: number;
  /** How long a seat reservation (table or class) waits to be used before its place is free again (s). */
  seatReservationSeconds: number;
  /** Rounds a table's host may start (or restart) per minute: each start can cost a new RSA key. */
  startsPerMinute: number;
  /**
   * Called with every engine state a table adopts, secrets included: for tests and tooling inside this
   * process. Nothing it receives is sent anywhere.
   */
  observeRound?: (code: string, round: TableState) => void;
}

export const DEFAULT_TABLE_SETTINGS: TableSettings = {
  botMoveDelayMs: 1_500,
  stepTimeLimitMs: 90_000,
  droppedStepLimitMs: 15_000,
  reconnectionWindowSeconds: 60,
  maxMessagesPerSecond: 20,
  maxSpectators: 6,
  startsPerMinute: 12,
  seatReservationSeconds: 8,
};

/** Class sessions: where results are stored, who may create sessions, and their limits. */
export interface ClassServerSettings {
  /** The SQLite file of class results (`HANDSHAKE_DB`; default `data/handshake.sqlite` at the repository root). */
  databasePath: string;
  /** When set (`HANDSHAKE_TEACHER_PASSWORD`), creating a class session and reading results require it. */
  teacherPassword: string | null;
  /** The shortest time per step a class may choose (s); tests lower it. */
  minStepSeconds: number;
  /** Students one session takes. */
  maxStudents: number;
  /** Class sessions one address may create per minute. */
  createdPerMinute: number;
  /** A session nobody is connected to ends after this long (ms). */
  idleEndMs: number;
  /**
   * Open (migrate, and mark what a crash left live as interrupted) when the server starts, not at the first
   * class request. The real server does; in-process test servers do not, so they never touch the default file.
   */
  openAtStart: boolean;
}

export const DEFAULT_CLASS_SERVER_SETTINGS: ClassServerSettings = {
  databasePath: process.env.HANDSHAKE_DB || fileURLToPath(new URL('../../data/handshake.sqlite', import.meta.url)),
  teacherPassword: process.env.HANDSHAKE_TEACHER_PASSWORD || null,
  minStepSeconds: 10,
  maxStudents: 60,
  createdPerMinute: 10,
  idleEndMs: 30 * 60_000,
  openAtStart: false,
};

export interface ServerSettings {
  table: TableSettings;
  classes: ClassServerSettings;
  /** Join attempts (right or wrong code) one address may make per minute; a school behind one NAT must fit. */
  joinAttemptsPerMinute: number;
  /** Join attempts one code may receive per minute, from all addresses together: a 200-student class fits. */
  joinAttemptsPerCodePerMinute: number;
  /** Lookups of codes or keys that do not exist, per address per minute, before that address must wait. */
  failedLookupsPerMinute: number;
  /** The same, from all addresses together: past it, addresses that failed recently must wait. */
  globalFailedLookupsPerMinute: number;
  /** Wrong teacher passwords per address per minute, and from all addresses together; each is answered slowly. */
  passwordFailuresPerMinute: number;
  globalPasswordFailuresPerMinute: number;
  wrongPasswordDelayMs: number;
  /** Express's `trust proxy` (`TRUST_PROXY`): set it behind a reverse proxy so limits key on the real address. */
  trustProxy: string | null;
  /** Tables one address may create per minute. */
  tablesCreatedPerMinute: number;
  /** The built client (`client/dist`), served at `/` when it exists. */
  clientDistDir: string;
  /** One line per room event worth knowing. */
  log: (line: string) => void;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  table: DEFAULT_TABLE_SETTINGS,
  classes: DEFAULT_CLASS_SERVER_SETTINGS,
  joinAttemptsPerMinute: 300,
  joinAttemptsPerCodePerMinute: 400,
  failedLookupsPerMinute: 30,
  globalFailedLookupsPerMinute: 300,
  passwordFailuresPerMinute: 5,
  globalPasswordFailuresPerMinute: 50,
  wrongPasswordDelayMs: 1_000,
  trustProxy: process.env.TRUST_PROXY || null,
  tablesCreatedPerMinute: 10,
  clientDistDir: fileURLToPath(new URL('../../client/dist', import.meta.url)),
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
};

export type ServerSettingsOverrides = Partial<Omit<ServerSettings, 'table' | 'classes'>> & {
  table?: Partial<TableSettings>;
  classes?: Partial<ClassServerSettings>;
};

export function serverSettings(overrides: ServerSettingsOverrides = {}): ServerSettings {
  return {
    ...DEFAULT_SERVER_SETTINGS,
    ...overrides,
    table: { ...DEFAULT_TABLE_SETTINGS, ...overrides.table },
    classes: { ...DEFAULT_CLASS_SERVER_SETTINGS, ...overrides.classes },
  };
}
