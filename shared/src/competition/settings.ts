/** A class session's settings: their shape, defaults and the one place they are validated. Pure. @module */
import { SCENARIOS } from '../rules/scenarios.ts';

/** Extra time for one student: their step limit is multiplied, or lifted. */
export const TIME_ALLOWANCES = [1, 1.5, 2, 'unlimited'] as const;
export type TimeAllowance = (typeof TIME_ALLOWANCES)[number];

export const MAX_TEAMS = 8;
export const MAX_ROUNDS = 12;
export const MIN_TABLE_SIZE = 1;
export const MAX_TABLE_SIZE = 4;
export const MIN_STEP_SECONDS = 10;
export const MAX_STEP_SECONDS = 600;

export interface ClassSettings {
  /** Scenario ids, played in order one per round (the list repeats when rounds outnumber it). */
  playlist: string[];
  /** Rounds in the competition; four lets every student play every role once. */
  rounds: number;
  /** Time per step in seconds for everyone; null = no limit. */
  stepSeconds: number | null;
  /** Students per table (1–4); the other seats get bots. Ignored when bots are off (tables of four). */
  tableSize: number;
  /** Bots fill the seats students leave empty. Off: tables of four students (a remainder table still needs bots). */
  bots: boolean;
  /** Number of teams (2–8), or 0 for no teams. */
  teams: number;
  /** Fast correct moves earn bonus points; off = accuracy only (time only breaks ties). */
  speedPoints: boolean;
  /** Students are given a friendly generated nickname instead of typing one. */
  generatedNicknames: boolean;
}

export const DEFAULT_CLASS_SETTINGS: ClassSettings = {
  playlist: SCENARIOS.slice(0, 4).map((s) => s.id),
  rounds: 4,
  stepSeconds: 90,
  tableSize: 4,
  bots: true,
  teams: 0,
  speedPoints: false,
  generatedNicknames: false,
};

export type SettingsErrorCode = 'INVALID_SETTINGS' | 'UNKNOWN_SCENARIO';
export type SettingsResult =
  | { ok: true; value: ClassSettings }
  | { ok: false; error: { code: SettingsErrorCode; message: string } };

/** Limits a deployment (or a test) may loosen: the shortest step a class may choose. */
export interface SettingsLimits {
  minStepSeconds: number;
}

const invalid = (message: string): SettingsResult => ({ ok: false, error: { code: 'INVALID_SETTINGS', message } });
const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Applies a partial change to `current`; any field that is wrong refuses the whole change. */
export function updateClassSettings(
  current: ClassSettings,
  change: unknown,
  limits: SettingsLimits = { minStepSeconds: MIN_STEP_SECONDS },
): SettingsResult {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    return invalid('Settings must be an object such as { "rounds": 4 }.');
  }
  const next: ClassSettings = { ...current, playlist: [...current.playlist] };
  const known = new Set(Object.keys(DEFAULT_CLASS_SETTINGS));
  for (const [key, value] of Object.entries(change)) {
    if (!known.has(key)) return invalid(`There is no setting called "${key}".`);
    switch (key as keyof ClassSettings) {
      case 'playlist': {
        if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
          return invalid('The playlist is a list of 1 to 50 scenario ids.');
        }
        const unknown = value.find((id) => !SCENARIOS.some((s) => s.id === id));
        if (unknown !== undefined) {
          return {
            ok: false,
            error: { code: 'UNKNOWN_SCENARIO', message: `There is no scenario "${String(unknown)}".` },
          };
        }
        next.playlist = [...(value as string[])];
        break;
      }
      case 'rounds':
        if (!isInt(value, 1, MAX_ROUNDS)) return invalid(`Rounds is a whole number from 1 to ${MAX_ROUNDS}.`);
        next.rounds = value;
        break;
      case 'stepSeconds':
        if (
          value !== null &&
          !(typeof value === 'number' && value >= limits.minStepSeconds && value <= MAX_STEP_SECONDS)
        ) {
          return invalid(
            `Time per step is ${limits.minStepSeconds} to ${MAX_STEP_SECONDS} seconds, or null for no limit.`,
          );
        }
        next.stepSeconds = value;
        break;
      case 'tableSize':
        if (!isInt(value, MIN_TABLE_SIZE, MAX_TABLE_SIZE)) {
          return invalid(`Table size is ${MIN_TABLE_SIZE} to ${MAX_TABLE_SIZE} students.`);
        }
        next.tableSize = value;
        break;
      case 'teams':
        if (!(value === 0 || isInt(value, 2, MAX_TEAMS))) return invalid(`Teams is 0 (none) or 2 to ${MAX_TEAMS}.`);
        next.teams = value as number;
        break;
      case 'bots':
      case 'speedPoints':
      case 'generatedNicknames':
        if (typeof value !== 'boolean') return invalid(`"${key}" is true or false.`);
        next[key as 'bots' | 'speedPoints' | 'generatedNicknames'] = value;
        break;
    }
  }
  return { ok: true, value: next };
}

export function isTimeAllowance(value: unknown): value is TimeAllowance {
  return (TIME_ALLOWANCES as readonly unknown[]).includes(value);
}

/** A student's step limit in ms, or null for none. */
export function stepLimitMs(stepSeconds: number | null, allowance: TimeAllowance): number | null {
  if (stepSeconds === null || allowance === 'unlimited') return null;
  return Math.round(stepSeconds * 1000 * allowance);
}

/** The scenario played in a round (1-based), cycling through the playlist. */
export function scenarioForRound(settings: Pick<ClassSettings, 'playlist'>, round: number): string {
  const { playlist } = settings;
  return playlist[(round - 1) % playlist.length] as string;
}
