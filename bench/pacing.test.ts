import type { Role } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { accountRound } from './pacingAccount.ts';
import {
  alternatives,
  CLICK_SECONDS,
  DECISION_SECONDS,
  isBusywork,
  type ReadableView,
  type ReadMemory,
  remember,
  SECONDS_PER_OPTION,
  textsShown,
  turnCost,
  unreadTexts,
  WORDS_PER_MINUTE,
  wordCount,
} from './pacingModel.ts';
import { type PacedTable, playPacedRound } from './pacingRound.ts';

const SECONDS_PER_WORD = 60 / WORDS_PER_MINUTE;

/** Prices a role's turn from a hand-made view, remembering what it read, as the bench does. */
function turn(memory: ReadMemory, view: ReadableView) {
  const unread = unreadTexts(memory, textsShown(view));
  remember(memory, unread);
  return turnCost(unread, view.legalMoves);
}

const log = (...lines: string[]) => lines.map((text, at) => ({ at, actor: 'server', text }));

// A hand-made two-step round. Step 1: the server (one action, one certificate: busywork) and the eavesdropper (pass
// or drop: a real decision) are awaited at once. Step 2: the eavesdropper again, with one action left.
const serverAtStep1: ReadableView = {
  scenario: { title: 'A quiet listener' }, // 3 words
  phaseTitle: 'ServerHello', // 1
  legalMoves: [
    {
      label: 'Send ServerHello', // 2
      why: 'Answer the client.', // 3
      choices: [
        { field: 'certificateId', kind: 'one', options: [{ value: 'c1', label: 'Certificate for bank.example' }] },
      ], // 3
    },
  ],
  log: [],
};
const eavesdropperAtStep1: ReadableView = {
  scenario: { title: 'A quiet listener' }, // 3 words
  phaseTitle: 'An envelope arrives', // 3
  legalMoves: [
    { label: 'Pass on #1', why: 'Let it through.' }, // 3 + 3
    { label: 'Drop #1', why: 'Stop it here.' }, // 2 + 3
  ],
  log: log('The server sent #1.'), // "server: The server sent #1." 5
};
const eavesdropperAtStep2: ReadableView = {
  ...eavesdropperAtStep1,
  legalMoves: [{ label: 'Pass on #2', why: 'Let it through.' }], // only the label is new: 3
  log: log('The server sent #1.', 'The server sent #2.'), // one new line: 5
};

/** A table that awaits the server and the eavesdropper, then the eavesdropper alone twice, then is over. */
function handMadeTable(): PacedTable & { played: Role[] } {
  const awaited: Role[][] = [['server', 'eavesdropper'], ['eavesdropper'], ['eavesdropper'], []];
  let at = 0;
  const played: Role[] = [];
  return {
    played,
    awaiting: () => awaited[at]!,
    view: (role) => (role === 'server' ? serverAtStep1 : at < 2 ? eavesdropperAtStep1 : eavesdropperAtStep2),
    playBot(role) {
      played.push(role);
      at++;
    },
  };
}

describe('pacing model', () => {
  it('counts words as a reader does', () => {
    expect(wordCount('Pass on #1 — now')).toBe(4);
    expect(wordCount('  ')).toBe(0);
  });

  it('prices a turn from the words new to that role, and a real decision by its options', () => {
    const server = turn(new Set(), serverAtStep1);
    expect(server).toMatchObject({ words: 12, busywork: true, decideSeconds: CLICK_SECONDS });
    expect(server.readSeconds).toBeCloseTo(12 * SECONDS_PER_WORD);

    const memory: ReadMemory = new Set();
    const first = turn(memory, eavesdropperAtStep1);
    expect(first).toMatchObject({ words: 22, options: 2, busywork: false });
    expect(first.decideSeconds).toBeCloseTo(CLICK_SECONDS + DECISION_SECONDS + 2 * SECONDS_PER_OPTION);

    const second = turn(memory, eavesdropperAtStep2);
    expect(second).toMatchObject({ words: 8, options: 1, busywork: true, decideSeconds: CLICK_SECONDS });
    expect(second.seconds).toBeCloseTo(8 * SECONDS_PER_WORD + CLICK_SECONDS);
  });

  it('tells a real choice from busywork by the moves that could be sent', () => {
    const suites = (n: number) => ({
      field: 'cipherSuites',
      kind: 'some' as const,
      options: Array.from({ length: n }, (_, i) => ({ value: `s${i}`, label: `Suite ${i}` })),
    });
    expect(alternatives([{ label: 'Send ClientHello', why: '', choices: [suites(1)] }])).toBe(1);
    expect(alternatives([{ label: 'Send ClientHello', why: '', choices: [suites(2)] }])).toBe(3);
    expect(isBusywork([{ label: 'Publish', why: '' }])).toBe(true);
    expect(
      isBusywork([
        { label: 'Pass', why: '' },
        { label: 'Drop', why: '' },
      ]),
    ).toBe(false);
  });

  it('counts roles awaited at once as one step, lasting as long as its slowest turn, and every role’s idle time and longest wait', () => {
    const table = handMadeTable();
    const steps = playPacedRound(table);
    expect(table.played).toEqual(['server', 'eavesdropper', 'eavesdropper']); // the faster server moved first
    expect(steps.map((s) => s.turns.map((t) => t.role))).toEqual([['server', 'eavesdropper'], ['eavesdropper']]);

    const memory: ReadMemory = new Set();
    const server = turn(new Set(), serverAtStep1);
    const eavesdropper1 = turn(memory, eavesdropperAtStep1);
    const eavesdropper2 = turn(memory, eavesdropperAtStep2);
    expect(steps.flatMap((s) => s.turns.map((t) => t.cost))).toEqual([server, eavesdropper1, eavesdropper2]);

    const round = accountRound(steps);
    const total = eavesdropper1.seconds + eavesdropper2.seconds;
    expect(round).toMatchObject({ steps: 2, turns: 3, busyworkTurns: 2 });
    expect(round.seconds).toBeCloseTo(total);
    // The eavesdropper is never idle; the server waits from the end of its turn to the end of the round.
    expect(round.roles.eavesdropper).toMatchObject({ turns: 2, idleSeconds: 0, longestWaitSeconds: 0 });
    expect(round.roles.server.turns).toBe(1);
    expect(round.roles.server.idleSeconds).toBeCloseTo(total - server.seconds);
    expect(round.roles.server.longestWaitSeconds).toBeCloseTo(total - server.seconds);
    // Roles without a turn wait the whole round.
    for (const role of ['client', 'ca'] as const) {
      expect(round.roles[role]).toMatchObject({ turns: 0, idleSeconds: round.seconds });
      expect(round.roles[role].longestWaitSeconds).toBeCloseTo(total);
    }
  });

  it('ends a step as soon as someone is awaited who was not part of it', () => {
    // The server's move brings in the client while the eavesdropper still has to move: two steps, not one.
    const awaited: Role[][] = [['server', 'eavesdropper'], ['client', 'eavesdropper'], ['eavesdropper'], []];
    let at = 0;
    const steps = playPacedRound({
      awaiting: () => awaited[at]!,
      view: (role) => (role === 'eavesdropper' ? eavesdropperAtStep1 : serverAtStep1),
      playBot: () => {
        at++;
      },
    });
    expect(steps.map((s) => s.turns.map((t) => t.role))).toEqual([['server'], ['client', 'eavesdropper']]);
  });

  it('counts a wait before a role’s first turn', () => {
    const cost = (seconds: number) => ({ ...turn(new Set(), serverAtStep1), seconds });
    const round = accountRound([
      { turns: [{ role: 'server', prompt: 'a', cost: cost(10) }] },
      { turns: [{ role: 'client', prompt: 'b', cost: cost(20) }] },
      { turns: [{ role: 'server', prompt: 'c', cost: cost(5) }] },
    ]);
    expect(round.seconds).toBe(35);
    expect(round.roles.client).toMatchObject({ idleSeconds: 15, longestWaitSeconds: 10 });
    expect(round.roles.server).toMatchObject({ idleSeconds: 20, longestWaitSeconds: 20 });
  });
});
