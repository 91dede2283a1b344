/**
 * A headless player's choices, made from its own view only (what a person sees): the legal moves the view
 * lists, with their choices filled in the way an honest player would, most honest first. The player tries
 * them in order; a refused one is followed by the next. @module
 */
import type { LegalMove, Move, TableView } from '@handshake/shared';

/** Honest, round-completing moves first; attacks and refusals last. */
const LAST_RESORT = new Set<Move['type']>([
  'abortConnection',
  'refuseRequest',
  'skipCertificate',
  'sendSecretOverHttp',
  'dropEnvelope',
  'tamperEnvelope',
  'replayEnvelope',
  'editClientHello',
  'impersonateServer',
  'stripRedirect',
]);

/** What an honest player picks in a one-of choice. */
const PREFERRED: Record<string, readonly string[]> = {
  lockWith: ['session-keys', 'server-public-key'],
  scheme: ['https'],
  answer: ['redirect-to-https'],
};

/** The pocket items that make the session keys, as a person who read the lesson would pick them. */
const PIECES: Record<TableView['mode'], RegExp> = {
  tls13: /key-share/,
  'tls12-rsa': /random|pre-master/,
};

function fill(legal: LegalMove, view: TableView): Move {
  const move: Record<string, unknown> = { type: legal.type };
  for (const choice of legal.choices ?? []) {
    const values = choice.options.map((o) => o.value);
    if (choice.kind === 'one') {
      move[choice.field] = PREFERRED[choice.field]?.find((v) => values.includes(v)) ?? values[0];
    } else if (choice.field === 'pieces') {
      move[choice.field] = values.filter((v) => PIECES[view.mode].test(v));
    } else {
      move[choice.field] = values;
    }
  }
  return move as Move;
}

/** Moves to try, in order, for the viewer of `view` (empty when it is not awaited). */
export function candidateMoves(view: TableView): Move[] {
  const moves = view.legalMoves.map((legal) => legal.move ?? fill(legal, view));
  return [...moves.filter((m) => !LAST_RESORT.has(m.type)), ...moves.filter((m) => LAST_RESORT.has(m.type))];
}
