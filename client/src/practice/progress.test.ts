import { describe, expect, it } from 'vitest';
import { loadProgress, PROGRESS_KEY, type ProgressStorage, recordRound, resetProgress } from './progress.ts';
import type { RoundResult } from './stars.ts';

function memoryStorage(initial?: string): ProgressStorage & { data: Map<string, string> } {
  const data = new Map<string, string>(initial === undefined ? [] : [[PROGRESS_KEY, initial]]);
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const round = (over: Partial<RoundResult>): RoundResult => ({
  scenarioId: 'happy-path',
  mode: 'tls13',
  role: 'client',
  score: 3,
  par: 3,
  hints: { concepts: 0, actions: 0 },
  stars: 3,
  ...over,
});

describe('practice progress', () => {
  it('starts empty and keeps the best round per scenario and role', () => {
    const storage = memoryStorage();
    expect(loadProgress(storage)).toEqual({});
    recordRound(storage, round({ stars: 1, score: 0, hints: { concepts: 2, actions: 1 } }), 10);
    recordRound(storage, round({ stars: 3 }), 20);
    recordRound(storage, round({ stars: 2 }), 30);
    recordRound(storage, round({ role: 'ca', stars: 0, score: -4 }), 40);
    expect(loadProgress(storage)).toEqual({
      'happy-path': {
        client: { stars: 3, score: 3, hints: 0, mode: 'tls13', at: 20 },
        ca: { stars: 0, score: -4, hints: 0, mode: 'tls13', at: 40 },
      },
    });
    expect(JSON.parse(storage.data.get(PROGRESS_KEY)!).version).toBe(1);
  });

  it('breaks a tie in stars by the higher score', () => {
    const storage = memoryStorage();
    recordRound(storage, round({ stars: 2, score: 1 }), 1);
    recordRound(storage, round({ stars: 2, score: 2 }), 2);
    recordRound(storage, round({ stars: 2, score: 0 }), 3);
    expect(loadProgress(storage)['happy-path']?.client?.at).toBe(2);
  });

  it.each([
    ['not JSON', '{oops'],
    ['another version', JSON.stringify({ version: 2, best: { 'happy-path': { client: { stars: 3, score: 3 } } } })],
    ['an array', '[1,2,3]'],
    ['null', 'null'],
  ])('ignores stored data that is %s', (_, raw) => {
    const storage = memoryStorage(raw);
    expect(loadProgress(storage)).toEqual({});
    recordRound(storage, round({}), 5);
    expect(loadProgress(storage)['happy-path']?.client?.stars).toBe(3);
  });

  it('drops only the entries it cannot read', () => {
    const storage = memoryStorage(
      JSON.stringify({
        version: 1,
        best: {
          'happy-path': {
            client: { stars: 7, score: 3 },
            ca: { stars: 2, score: 1, mode: 'tls13', at: 9 },
            mallory: {},
          },
          expired: 'three stars',
        },
      }),
    );
    expect(loadProgress(storage)).toEqual({
      'happy-path': { ca: { stars: 2, score: 1, hints: 0, mode: 'tls13', at: 9 } },
    });
  });

  it('survives a storage that refuses to write, and resets to nothing', () => {
    const storage = memoryStorage();
    recordRound(storage, round({}), 1);
    const full = {
      ...storage,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => recordRound(full, round({ role: 'server' }), 2)).not.toThrow();
    resetProgress(storage);
    expect(loadProgress(storage)).toEqual({});
  });
});
