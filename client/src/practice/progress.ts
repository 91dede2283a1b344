/**
 * The student's practice progress, kept in this browser (localStorage): the best round per scenario and role.
 * The key is versioned; anything unreadable is ignored rather than breaking the campaign.
 * @module
 */
import { ROLES, type Role } from '@handshake/shared';
import type { RoundResult } from './stars.ts';

export const PROGRESS_KEY = 'handshake.practice.v1';

export interface BestRound {
  stars: number;
  score: number;
  hints: number;
  mode: string;
  /** When it was played (ms since the epoch). */
  at: number;
}

export type Progress = Record<string, Partial<Record<Role, BestRound>>>;

/** The part of the Web Storage API this needs (localStorage in the browser, a Map-backed stand-in in tests). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function loadProgress(storage: ProgressStorage): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(PROGRESS_KEY) ?? 'null');
  } catch {
    return {};
  }
  const best = isObject(raw) && raw.version === 1 && isObject(raw.best) ? raw.best : {};
  const progress: Progress = {};
  for (const [scenarioId, byRole] of Object.entries(best)) {
    if (!isObject(byRole)) continue;
    for (const role of ROLES) {
      const entry = readBest(byRole[role]);
      if (entry) progress[scenarioId] = { ...progress[scenarioId], [role]: entry };
    }
  }
  return progress;
}

/** Keeps `result` if it beats the stored best for its scenario and role (more stars, then a higher score). */
export function recordRound(storage: ProgressStorage, result: RoundResult, at = Date.now()): Progress {
  const progress = loadProgress(storage);
  const previous = progress[result.scenarioId]?.[result.role];
  const candidate: BestRound = {
    stars: result.stars,
    score: result.score,
    hints: result.hints.actions + result.hints.concepts,
    mode: result.mode,
    at,
  };
  if (!previous || better(candidate, previous)) {
    progress[result.scenarioId] = { ...progress[result.scenarioId], [result.role]: candidate };
    save(storage, progress);
  }
  return progress;
}

export function resetProgress(storage: ProgressStorage): void {
  try {
    storage.removeItem(PROGRESS_KEY);
  } catch {
    // Storage disabled: there is nothing kept to reset.
  }
}

function better(a: BestRound, b: BestRound): boolean {
  return a.stars !== b.stars ? a.stars > b.stars : a.score > b.score;
}

function save(storage: ProgressStorage, progress: Progress): void {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, best: progress }));
  } catch {
    // Storage full or disabled (private mode): practice still works, only the record is not kept.
  }
}

function readBest(value: unknown): BestRound | null {
  if (!isObject(value)) return null;
  const { stars, score, hints, mode, at } = value;
  if (!Number.isInteger(stars) || (stars as number) < 0 || (stars as number) > 3) return null;
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  return {
    stars: stars as number,
    score,
    hints: typeof hints === 'number' && hints >= 0 ? hints : 0,
    mode: typeof mode === 'string' ? mode : '',
    at: typeof at === 'number' ? at : 0,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
