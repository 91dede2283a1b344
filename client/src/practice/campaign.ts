/** The campaign as data: every scenario the engine defines, in order, with the student's best round per role. @module */
import { type ProtocolMode, type Role, SCENARIOS, type Scenario } from '@handshake/shared';
import type { BestRound, Progress } from './progress.ts';
import { MAX_STARS } from './stars.ts';

export interface CampaignEntry {
  scenario: Scenario;
  roles: { role: Role; best: BestRound | null }[];
}

export function campaignEntries(progress: Progress): CampaignEntry[] {
  return [...SCENARIOS]
    .sort((a, b) => a.number - b.number)
    .map((scenario) => ({
      scenario,
      roles: scenario.roles.map((role) => ({ role, best: progress[scenario.id]?.[role] ?? null })),
    }));
}

export function starTotals(progress: Progress): { earned: number; possible: number } {
  const entries = campaignEntries(progress);
  return {
    earned: entries.reduce((sum, e) => sum + e.roles.reduce((s, r) => s + (r.best?.stars ?? 0), 0), 0),
    possible: entries.reduce((sum, e) => sum + e.roles.length * MAX_STARS, 0),
  };
}

/** The address of a practice table; the mode only when the scenario offers a choice. */
export function practicePath(scenarioId: string, role: Role, mode?: ProtocolMode): string {
  return `/practice/${encodeURIComponent(scenarioId)}/${role}${mode ? `/${mode}` : ''}`;
}

/** The scenario after this one in the campaign, or null after the last. */
export function nextScenario(scenarioId: string): Scenario | null {
  const ordered = campaignEntries({}).map((e) => e.scenario);
  const at = ordered.findIndex((s) => s.id === scenarioId);
  return at >= 0 ? (ordered[at + 1] ?? null) : null;
}

/** "★★☆" with its words for screen readers. */
export function starText(stars: number): { glyphs: string; words: string } {
  const n = Math.max(0, Math.min(MAX_STARS, stars));
  return { glyphs: '★'.repeat(n) + '☆'.repeat(MAX_STARS - n), words: `${n} of ${MAX_STARS} stars` };
}
