/**
 * The pacing bench's simulated people: how long one turn takes a first-time player — reading the words that are
 * new on their screen, then clicking, and for a real choice deciding among the options. Pure: no clock. @module
 */
import type { LegalMove, TableView } from '@handshake/shared';

/**
 * Reading speed. The figure: silent reading of plain prose is about 200–250 words a minute for
 * 13–15-year-olds and about 240 for adults (Brysbaert 2019, non-fiction); unfamiliar technical words (cipher suite,
 * key share) and a panel of short lines rather than one paragraph slow a first-time player well below that.
 */
export const WORDS_PER_MINUTE = 150;
/** Every turn: see that it is your turn, find the button on a phone or Chromebook, press it. */
export const CLICK_SECONDS = 2;
/**
 * A real decision (more than one thing could be sent): "a few seconds" to make up one's mind, beyond reading the
 * options, as a beginner does when the choice matters for the score.
 */
export const DECISION_SECONDS = 4;
/**
 * Each option of a real decision (every offered move, and every value of its form fields): looking at it, weighing
 * it against the others, and — for form fields — setting it. Linear rather than Hick's logarithm, because a
 * beginner reads options one by one instead of recognising the right one.
 */
export const SECONDS_PER_OPTION = 1.5;

/** One text a role is shown, with a key saying where it is, so the same words shown again are not read twice. */
export interface ShownText {
  key: string;
  text: string;
}

/** What a person sees of a legal move. */
export type OfferedMove = Pick<LegalMove, 'label' | 'why' | 'choices'>;

/** The parts of a view a person reads; a narrow type so tests can hand-make views. */
export type ReadableView = Pick<TableView, 'phaseTitle' | 'log'> & {
  scenario: Pick<TableView['scenario'], 'title'>;
  legalMoves: readonly OfferedMove[];
  validation?: { checks: readonly { message: string }[] } | null;
  scoreEvents?: readonly { points: number; reason: string }[];
  envelopes?: readonly { id: number; label: string }[];
};

/**
 * Every text a role's screen shows: the scenario title, the step's prompt, each legal move's label and why and its
 * options, the log, the certificate checks, score lines and the board's envelope labels. Field-by-field envelope
 * descriptions are left out: they open in the inspector on demand, and a first-time player rarely opens them.
 * Texts are keyed by content (a prompt or a why shown again is skimmed, not re-read), log and score lines by
 * position, so a repeated line is new again.
 */
export function textsShown(view: ReadableView): ShownText[] {
  const texts: ShownText[] = [
    { key: 'title', text: view.scenario.title },
    { key: 'prompt', text: view.phaseTitle },
  ];
  for (const move of view.legalMoves) {
    texts.push({ key: 'move', text: move.label }, { key: 'why', text: move.why });
    for (const choice of move.choices ?? [])
      for (const option of choice.options) texts.push({ key: 'option', text: option.label });
  }
  view.log.forEach((line, i) => {
    texts.push({ key: `log ${i}`, text: `${line.actor}: ${line.text}` });
  });
  for (const check of view.validation?.checks ?? []) texts.push({ key: 'check', text: check.message });
  (view.scoreEvents ?? []).forEach((event, i) => {
    texts.push({ key: `score ${i}`, text: `${event.points} ${event.reason}` });
  });
  for (const envelope of view.envelopes ?? []) texts.push({ key: `envelope ${envelope.id}`, text: envelope.label });
  return texts;
}

/** What a person has already read, per role: one entry per key and text. */
export type ReadMemory = Set<string>;

const memoryKey = (t: ShownText) => `${t.key}\u0000${t.text}`;

/** The texts of `shown` not in `memory` (the memory is left as it is; see `remember`). */
export function unreadTexts(memory: ReadMemory, shown: readonly ShownText[]): ShownText[] {
  const fresh = new Set<string>();
  return shown.filter((t) => {
    const k = memoryKey(t);
    if (memory.has(k) || fresh.has(k)) return false;
    fresh.add(k);
    return true;
  });
}

export function remember(memory: ReadMemory, texts: readonly ShownText[]): void {
  for (const t of texts) memory.add(memoryKey(t));
}

/** Words as a reader counts them: runs of non-space holding a letter or digit ("#6" is a word, "—" is not). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * How many distinct things a role could send now: each ready move is one; a move with choices is one per
 * combination (a pick-one field multiplies by its options, a pick-some field by its non-empty subsets).
 */
export function alternatives(moves: readonly OfferedMove[]): number {
  let total = 0;
  for (const move of moves) {
    let combinations = 1;
    for (const choice of move.choices ?? [])
      combinations *= choice.kind === 'one' ? choice.options.length : 2 ** choice.options.length - 1;
    total += combinations;
  }
  return total;
}

/** The things a person looks at to decide: every offered move and every option of its form fields. */
export function optionsToWeigh(moves: readonly OfferedMove[]): number {
  return moves.reduce((n, move) => n + 1 + (move.choices ?? []).reduce((m, c) => m + c.options.length, 0), 0);
}

/** Busywork: a turn offering one action and nothing to choose. */
export const isBusywork = (moves: readonly OfferedMove[]) => alternatives(moves) <= 1;

/** One role's turn at one step, as the model prices it. */
export interface TurnCost {
  words: number;
  options: number;
  busywork: boolean;
  readSeconds: number;
  decideSeconds: number;
  seconds: number;
}

export function turnCost(unread: readonly ShownText[], moves: readonly OfferedMove[]): TurnCost {
  const words = unread.reduce((n, t) => n + wordCount(t.text), 0);
  const busywork = isBusywork(moves);
  const options = optionsToWeigh(moves);
  const readSeconds = (words * 60) / WORDS_PER_MINUTE;
  const decideSeconds = CLICK_SECONDS + (busywork ? 0 : DECISION_SECONDS + SECONDS_PER_OPTION * options);
  return { words, options, busywork, readSeconds, decideSeconds, seconds: readSeconds + decideSeconds };
}
