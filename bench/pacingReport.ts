/** The pacing bench's output: a Markdown table per scenario × mode, the summary figures and issue 13's goals. @module */
import { type ProtocolMode, ROLES, type Role } from '@handshake/shared';
import type { RoundPacing, Step } from './pacingAccount.ts';

export interface PacedRound {
  scenario: { id: string; number: number; title: string };
  mode: ProtocolMode;
  pacing: RoundPacing;
}

/** Issue 13's measured goals for a round with four first-time players. */
export const PACING_GOALS = {
  medianSteps: 10,
  maxSteps: 14,
  busyworkShare: 0.1,
  happyPathMinutes: 5,
  anyScenarioMinutes: 6,
  longestWaitSeconds: 30,
} as const;

export const HAPPY_PATH_ID = 'happy-path';

const ROLE_HEADINGS: Record<Role, string> = {
  client: 'client',
  server: 'server',
  ca: 'CA',
  eavesdropper: 'eavesdropper',
};

export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function roundsTable(rounds: readonly PacedRound[]): string[] {
  const head = ['#', 'scenario', 'mode', 'steps', 'turns', 'busywork', 'min:s', ...ROLES.map((r) => ROLE_HEADINGS[r])];
  const lines = [row(head), row(head.map((_, i) => (i < 3 ? '---' : '---:')))];
  for (const { scenario, mode, pacing: p } of rounds) {
    const roles = ROLES.map((r) => {
      const x = p.roles[r];
      return `${x.turns} · ${clock(x.idleSeconds)} · ${clock(x.longestWaitSeconds)}`;
    });
    lines.push(
      row([
        scenario.number,
        scenario.id,
        mode,
        p.steps,
        p.turns,
        percent(p.busyworkTurns / p.turns),
        clock(p.seconds),
        ...roles,
      ]),
    );
  }
  lines.push(
    '',
    'Role columns: turns · idle time · longest wait (m:s). busywork: turns offering one action and nothing to choose.',
  );
  return lines;
}

export interface PacingSummary {
  rounds: number;
  medianSteps: number;
  maxSteps: number;
  busyworkShare: number;
  happyPathSeconds: number;
  maxSeconds: number;
  medianSeconds: number;
  /** Turns (moves) per round: the issue's own count, one move per step with nothing in parallel. */
  medianTurns: number;
  maxTurns: number;
  longestTurn: { seconds: number; role: Role; where: string };
  longestWait: { seconds: number; role: Role; where: string };
}

export function summarize(rounds: readonly PacedRound[]): PacingSummary {
  const steps = rounds.map((r) => r.pacing.steps);
  const turns = rounds.reduce((n, r) => n + r.pacing.turns, 0);
  const busywork = rounds.reduce((n, r) => n + r.pacing.busyworkTurns, 0);
  const happy = rounds.filter((r) => r.scenario.id === HAPPY_PATH_ID);
  if (happy.length === 0) throw new Error(`pacing: no ${HAPPY_PATH_ID} round was played`);
  let longestWait: PacingSummary['longestWait'] = { seconds: -1, role: 'client', where: '' };
  let longestTurn: PacingSummary['longestTurn'] = { seconds: -1, role: 'client', where: '' };
  for (const r of rounds) {
    const where = `${r.scenario.id} (${r.mode})`;
    for (const role of ROLES) {
      const x = r.pacing.roles[role];
      if (x.longestWaitSeconds > longestWait.seconds) longestWait = { seconds: x.longestWaitSeconds, role, where };
      if (x.longestTurnSeconds > longestTurn.seconds) longestTurn = { seconds: x.longestTurnSeconds, role, where };
    }
  }
  return {
    rounds: rounds.length,
    medianSteps: median(steps),
    maxSteps: Math.max(...steps),
    busyworkShare: busywork / turns,
    happyPathSeconds: Math.max(...happy.map((r) => r.pacing.seconds)),
    maxSeconds: Math.max(...rounds.map((r) => r.pacing.seconds)),
    medianSeconds: median(rounds.map((r) => r.pacing.seconds)),
    medianTurns: median(rounds.map((r) => r.pacing.turns)),
    maxTurns: Math.max(...rounds.map((r) => r.pacing.turns)),
    longestTurn,
    longestWait,
  };
}

/** Per protocol mode: median steps and busywork share, since the modes differ in how many choices they offer. */
export function modeLines(rounds: readonly PacedRound[]): string[] {
  const modes = [...new Set(rounds.map((r) => r.mode))];
  return modes.map((mode) => {
    const s = summarize(rounds.filter((r) => r.mode === mode));
    return (
      `${mode}: ${s.rounds} rounds, median ${s.medianSteps} steps (most ${s.maxSteps}), ` +
      `busywork ${percent(s.busyworkShare)}, median round ${clock(s.medianSeconds)}`
    );
  });
}

export function goalLines(s: PacingSummary): string[] {
  const g = PACING_GOALS;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const goals: [string, string, string, boolean][] = [
    ['median sequential steps', String(s.medianSteps), `≤ ${g.medianSteps}`, s.medianSteps <= g.medianSteps],
    ['most sequential steps', String(s.maxSteps), `≤ ${g.maxSteps}`, s.maxSteps <= g.maxSteps],
    ['busywork turns', percent(s.busyworkShare), `≤ ${percent(g.busyworkShare)}`, s.busyworkShare <= g.busyworkShare],
    [
      'happy path, longer mode',
      clock(s.happyPathSeconds),
      `≤ ${g.happyPathMinutes}:00`,
      s.happyPathSeconds <= g.happyPathMinutes * 60,
    ],
    ['longest round', clock(s.maxSeconds), `≤ ${g.anyScenarioMinutes}:00`, s.maxSeconds <= g.anyScenarioMinutes * 60],
    [
      `longest idle wait (${s.longestWait.role}, ${s.longestWait.where})`,
      clock(s.longestWait.seconds),
      `≤ 0:${g.longestWaitSeconds}`,
      s.longestWait.seconds <= g.longestWaitSeconds,
    ],
  ];
  return [
    row(['goal (issue 13)', 'today', 'target', 'verdict']),
    row(['---', '---:', '---:', '---']),
    ...goals.map(([name, today, target, met]) => row([name, today, target, verdict(met)])),
    '',
    `${s.rounds} rounds (every playable scenario × mode); median round ${clock(s.medianSeconds)}.`,
    `Turns per round, one move per step as the issue counted: median ${s.medianTurns}, most ${s.maxTurns}.`,
    `Longest single turn: ${clock(s.longestTurn.seconds)} (${s.longestTurn.role}, ${s.longestTurn.where}).`,
  ];
}

/** One round step by step, for `--trace`: who moved, what they read and how long each took. */
export function traceLines(steps: readonly Step[]): string[] {
  return steps.map((step, i) => {
    const turns = step.turns.map(
      ({ role, prompt, cost }) =>
        `${role} "${prompt}" ${cost.words} words ${cost.options} options${cost.busywork ? ' BUSYWORK' : ''} ` +
        `${cost.readSeconds.toFixed(1)}+${cost.decideSeconds.toFixed(1)} s`,
    );
    const seconds = Math.max(...step.turns.map((t) => t.cost.seconds));
    return `${String(i + 1).padStart(2)}. ${seconds.toFixed(1).padStart(5)} s  ${turns.join('  ‖  ')}`;
  });
}
