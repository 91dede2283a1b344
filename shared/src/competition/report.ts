/**
 * Teachers' reports: result rows with the scenario's misconception tag, the CSV (one row per student per
 * round), and what went right and wrong per student by concept. Pure.
 * @module
 */
import { findScenario } from '../rules/scenarios.ts';
import type { ProtocolMode } from '../rules/types.ts';
import type { StudentRoundResult } from './results.ts';

/** A result with everything a report prints beside it. */
export interface ReportRow extends StudentRoundResult {
  nickname: string;
  team: string | null;
  scenarioTitle: string;
  /** The misconception the scenario targets (a stable tag). */
  misconception: string;
  mode: ProtocolMode;
}

export function reportRow(
  result: StudentRoundResult,
  student: { nickname: string; team: string | null },
  mode: ProtocolMode,
): ReportRow {
  const scenario = findScenario(result.scenarioId);
  return {
    ...result,
    nickname: student.nickname,
    team: student.team,
    scenarioTitle: scenario?.title ?? result.scenarioId,
    misconception: scenario?.misconception ?? 'unknown',
    mode,
  };
}

export const CSV_COLUMNS = [
  'round',
  'table',
  'nickname',
  'team',
  'role',
  'scenario',
  'scenario_title',
  'misconception',
  'mode',
  'status',
  'played',
  'points',
  'speed_points',
  'outcome',
  'events',
] as const;

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break — or a semicolon or tab, the
 * separators spreadsheets use in many locales, so `;=1+1;` stays one cell there too. A leading = + - @ or tab
 * is prefixed with ' so that spreadsheet programs do not run a nickname as a formula.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The session's CSV: a header, then rows ordered by round, table and nickname. CRLF line ends. */
export function resultsCsv(rows: readonly ReportRow[]): string {
  const ordered = [...rows].sort(
    (a, b) => a.round - b.round || a.table - b.table || a.nickname.localeCompare(b.nickname),
  );
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of ordered) {
    const events = r.events.map((e) => `${e.points > 0 ? '+' : ''}${e.points} ${e.reason}`).join(' | ');
    lines.push(
      [
        r.round,
        r.table,
        r.nickname,
        r.team,
        r.role,
        r.scenarioId,
        r.scenarioTitle,
        r.misconception,
        r.mode,
        r.status,
        r.played ? 'yes' : 'no',
        r.points,
        r.speedPoints,
        r.outcome,
        events,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ConceptSummary {
  misconception: string;
  scenarioTitles: string[];
  rounds: number;
  points: number;
  /** Scored events with positive points: what the student got right. */
  right: string[];
  /** Scored events with negative points: what went wrong. */
  wrong: string[];
}

export interface StudentSummary {
  studentId: string;
  nickname: string;
  concepts: ConceptSummary[];
}

/** Per student, per concept (misconception tag): the finished rounds they played and what went right and wrong. */
export function studentSummaries(rows: readonly ReportRow[]): StudentSummary[] {
  const byStudent = new Map<string, StudentSummary>();
  for (const r of rows) {
    const summary = byStudent.get(r.studentId) ?? { studentId: r.studentId, nickname: r.nickname, concepts: [] };
    byStudent.set(r.studentId, summary);
    if (r.status !== 'finished' || !r.played) continue;
    let concept = summary.concepts.find((c) => c.misconception === r.misconception);
    if (!concept) {
      concept = { misconception: r.misconception, scenarioTitles: [], rounds: 0, points: 0, right: [], wrong: [] };
      summary.concepts.push(concept);
    }
    if (!concept.scenarioTitles.includes(r.scenarioTitle)) concept.scenarioTitles.push(r.scenarioTitle);
    concept.rounds++;
    concept.points += r.points ?? 0;
    for (const e of r.events) {
      const line = `As ${r.role}: ${e.reason}`;
      if (e.points > 0) concept.right.push(line);
      if (e.points < 0) concept.wrong.push(line);
    }
  }
  return [...byStudent.values()].sort((a, b) => a.nickname.localeCompare(b.nickname));
}
