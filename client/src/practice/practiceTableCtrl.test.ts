import { recommendedMove, SCENARIOS } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { campaignEntries, nextScenario, practicePath, starTotals } from './campaign.ts';
import { PracticeTableCtrl, type PracticeTarget, parsePracticeTarget } from './practiceTableCtrl.ts';
import { loadProgress, type ProgressStorage } from './progress.ts';
import { ManualClock } from './testClock.ts';

function memoryStorage(): ProgressStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const seed = () => new Uint8Array(32).fill(2);

function target(rest: string): PracticeTarget {
  const parsed = parsePracticeTarget(rest);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** Plays the student's seat as advised: by asking for both hints at every step, or knowing the answers already. */
function playRound(ctrl: PracticeTableCtrl, clock: ManualClock, withHints: boolean): void {
  for (let i = 0; i < 200 && !ctrl.result; i++) {
    if (clock.runAll(1) > 0) continue;
    if (!ctrl.session.snapshot.view?.awaiting.includes(ctrl.target.role)) continue;
    if (withHints) ctrl.session.askHint();
    const move = withHints ? ctrl.session.askHint()!.move! : recommendedMove(ctrl.session.state!, ctrl.target.role)!;
    ctrl.session.sendMove(move);
  }
}

describe('the practice address', () => {
  it('names a scenario, a role it can be played in and optionally a mode', () => {
    expect(target('wrong-name/client')).toMatchObject({ role: 'client', mode: 'tls13' });
    expect(target('wrong-name/ca/tls13').scenario.id).toBe('wrong-name');
    expect(parsePracticeTarget('nope/client')).toEqual({ error: 'There is no scenario called “nope”.' });
    expect(parsePracticeTarget('wrong-name/mallory')).toHaveProperty('error');
    expect(parsePracticeTarget('wrong-name/client/ssl3')).toHaveProperty('error');
    expect(parsePracticeTarget('wrong-name/client/tls13/extra')).toHaveProperty('error');
  });

  it('the campaign lists the engine’s scenarios in order with their roles, and links back to the table', () => {
    const entries = campaignEntries({});
    expect(entries.map((e) => e.scenario.id)).toEqual(
      [...SCENARIOS].sort((a, b) => a.number - b.number).map((s) => s.id),
    );
    expect(entries.every((e) => e.roles.every((r) => r.best === null))).toBe(true);
    expect(starTotals({}).possible).toBe(SCENARIOS.reduce((n, s) => n + s.roles.length * 3, 0));
    expect(practicePath('happy-path', 'ca')).toBe('/practice/happy-path/ca');
    const last = entries.at(-1)!.scenario;
    expect(nextScenario(entries[0]!.scenario.id)?.id).toBe(entries[1]!.scenario.id);
    expect(nextScenario(last.id)).toBeNull();
  });
});

describe('PracticeTableCtrl', () => {
  it('records the finished round in progress, and a hinted round earns fewer stars than an unhinted one', () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const ctrl = new PracticeTableCtrl(target('wrong-name/client'), storage, { seed, schedule: clock.schedule });
    ctrl.session.start();
    playRound(ctrl, clock, true);
    const hinted = ctrl.result!;
    expect(hinted.hints.actions).toBeGreaterThan(0);
    expect(loadProgress(storage)['wrong-name']?.client?.stars).toBe(hinted.stars);

    ctrl.tryAgain();
    expect(ctrl.result).toBeNull();
    playRound(ctrl, clock, false);
    expect(ctrl.result!.score).toBe(hinted.score);
    expect(ctrl.result!.stars).toBe(3);
    expect(hinted.stars).toBeLessThan(3);
    expect(loadProgress(storage)['wrong-name']?.client?.stars).toBe(3);
    expect(ctrl.otherRoles).toEqual(['server', 'ca', 'eavesdropper']);
    ctrl.close();
  });
});
