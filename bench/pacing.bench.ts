/**
 * Pacing (issue 13): plays every playable scenario × mode with the honest bots in every seat and prices each turn
 * as a first-time player would take it (pacingModel.ts). Prints per round: sequential steps, turns, busywork share,
 * minutes, and each role's turns, idle time and longest wait; then the summary against the goals.
 * Simulated time only: no timers, the same figures on every run.
 * Run: `pnpm bench:pacing` (option: --trace happy-path:tls13 prints that round step by step). @module
 */
import { parseArgs } from 'node:util';
import { PROTOCOL_MODES, type ProtocolMode, playableScenarios } from '@handshake/shared';
import { accountRound } from './pacingAccount.ts';
import { CLICK_SECONDS, DECISION_SECONDS, SECONDS_PER_OPTION, WORDS_PER_MINUTE } from './pacingModel.ts';
import { goalLines, modeLines, type PacedRound, roundsTable, summarize, traceLines } from './pacingReport.ts';
import { engineTable, playPacedRound } from './pacingRound.ts';

const { values: args } = parseArgs({ options: { trace: { type: 'string', multiple: true, default: [] } } });

const rounds: PacedRound[] = [];
const traces: string[] = [];
for (const mode of PROTOCOL_MODES) {
  for (const scenario of playableScenarios(mode)) {
    const steps = playPacedRound(engineTable(scenario.id, mode));
    rounds.push({ scenario, mode, pacing: accountRound(steps) });
    if (args.trace.includes(`${scenario.id}:${mode}`))
      traces.push('', `Trace of ${scenario.id} (${mode}):`, ...traceLines(steps));
  }
}
rounds.sort((a, b) => a.scenario.number - b.scenario.number || modeOrder(a.mode) - modeOrder(b.mode));

function modeOrder(mode: ProtocolMode): number {
  return PROTOCOL_MODES.indexOf(mode);
}

console.log(
  [
    'Handshake pacing benchmark (issue 13): honest bots in every seat, simulated first-time players',
    'command: pnpm bench:pacing   (pnpm --filter @handshake/bench bench:pacing → tsx pacing.bench.ts)',
    `model:   reading ${WORDS_PER_MINUTE} words/min of the texts new to the role since its last turn; ` +
      `${CLICK_SECONDS} s per turn; a real decision ${DECISION_SECONDS} s + ${SECONDS_PER_OPTION} s per option`,
    'steps:   the roles awaited at once form one step; a step lasts as long as its slowest turn',
    '',
    ...roundsTable(rounds),
    '',
    ...goalLines(summarize(rounds)),
    ...modeLines(rounds),
    ...traces,
  ].join('\n'),
);
