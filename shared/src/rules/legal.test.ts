/** legalMoves against applyMove, both ways, in every scenario, mode and role, on seeded random walks. @module */
import { describe, expect, it } from 'vitest';
import { type Rng, seededRng } from '../rng/rng.ts';
import { botMove, type Personality } from './bots.ts';
import { applyMove } from './engine.ts';
import { initialState, type TableConfig } from './initial.ts';
import { type LegalMove, legalMoves } from './legal.ts';
import {
  ABORT_REASONS,
  CLIENT_HELLO_EDITS,
  MOVES,
  type Move,
  type MoveType,
  movesAllowed,
  REFUSAL_REASONS,
} from './moves/index.ts';
import { SCENARIOS } from './scenarios.ts';
import type { TableState } from './state.ts';
import { ALL_CIPHER_SUITES, CIPHER_SUITES, ROLES, type Role, TLS12_CIPHER_SUITE } from './types.ts';

// One table seed per mode, so the cached RSA keys (1024 bits, as in classic.test.ts) are shared by every walk.
const tableSeed = new Uint8Array(32).fill(11);
const MAX_MOVES = 200;

/** Who plays each seat: a bot of some personality, or a random chooser among the legal moves. */
type Seat = Personality | 'random';

/** Every ready move `role` is offered in `state` must be accepted (applyMove never mutates `state`). */
function expectReadyMovesAccepted(state: TableState, role: Role, where: string) {
  for (const option of legalMoves(state, role)) {
    if (!option.move) continue;
    const result = applyMove(state, role, { version: state.version, move: option.move });
    expect(
      result.ok ? 'accepted' : `${result.error.code}: ${result.error.message}`,
      `${where}: ${role} offered ${JSON.stringify(option.move)} in ${state.phase}`,
    ).toBe('accepted');
  }
}

/** Whether `move` is one `legalMoves` offered: the same ready move, or a form whose choices hold every field's value. */
function wasOffered(move: Move, options: LegalMove[]): boolean {
  const fields = Object.entries(move).filter(([k]) => k !== 'type');
  return options.some((o) => {
    if (o.type !== move.type) return false;
    if (o.move) return JSON.stringify(Object.entries(o.move).sort()) === JSON.stringify(Object.entries(move).sort());
    const choices = o.choices ?? [];
    return fields.every(([field, value]) => {
      const choice = choices.find((c) => c.field === field);
      const values = Array.isArray(value) ? value : [value];
      return choice !== undefined && values.every((x) => choice.options.some((opt) => opt.value === x));
    });
  });
}

/** Values a move's fields could take now: every id, name and reason in sight, and a few that fit nothing. */
function fieldValues(state: TableState, role: Role): Record<string, readonly unknown[]> {
  const ids = [...new Set(ROLES.flatMap((r) => state.pockets[r].map((i) => i.id)))];
  const envelopes = state.envelopes.map((e) => e.id);
  return {
    domain: ['bank.example', 'evil.example', 'bank-example.com', 'example.org'],
    requestId: [...state.requests.map((q) => q.id), 'request-9'],
    reason: [...REFUSAL_REASONS, ...ABORT_REASONS],
    scheme: ['https', 'http'],
    answer: ['redirect-to-https', 'serve-page'],
    cipherSuites: [[...CIPHER_SUITES], [CIPHER_SUITES[0]], [CIPHER_SUITES[1]], [TLS12_CIPHER_SUITE]],
    cipherSuite: ALL_CIPHER_SUITES,
    certificateId: ids,
    lockWith: ids,
    pieces: [state.pockets[role].map((i) => i.id), ...ids.map((id) => [id])],
    envelopeId: envelopes,
    copyOf: envelopes,
    edit: CLIENT_HELLO_EDITS,
  };
}

const FIELDS: Record<MoveType, string[]> = Object.fromEntries(
  (Object.keys(MOVES) as MoveType[]).map((type) => [
    type,
    Object.keys((MOVES[type].schema as unknown as { entries: Record<string, unknown> }).entries).filter(
      // byteIndex is optional and never offered: a tamper names only its envelope.
      (k) => k !== 'type' && k !== 'byteIndex',
    ),
  ]),
) as Record<MoveType, string[]>;

/** Candidate moves of the types `role` plays now, with random field values: none may be accepted unless offered. */
function expectAcceptedOnlyIfOffered(state: TableState, role: Role, rng: Rng, where: string) {
  const options = legalMoves(state, role);
  const values = fieldValues(state, role);
  for (const type of movesAllowed(state.phase, role))
    for (let n = 0; n < CANDIDATES_PER_TYPE; n++) {
      const move: Record<string, unknown> = { type };
      for (const field of FIELDS[type]) move[field] = values[field]![rng.int(values[field]!.length)];
      const candidate = move as unknown as Move;
      if (options.some((o) => o.move && wasOffered(candidate, [o]))) continue; // checked by expectReadyMovesAccepted
      const result = applyMove(state, role, { version: state.version, move: candidate });
      if (result.ok)
        expect(
          wasOffered(candidate, options),
          `${where}: ${role} played ${JSON.stringify(move)} in ${state.phase}`,
        ).toBe(true);
    }
}

const CANDIDATES_PER_TYPE = 3;

/** A move built from one legal option: ready as it is, or with random picks for each of its choices (null if one has none). */
function randomFill(option: LegalMove, rng: Rng): Move | null {
  if (option.move) return option.move;
  const move: Record<string, unknown> = { type: option.type };
  for (const choice of option.choices ?? []) {
    const values = choice.options.map((o) => o.value);
    if (values.length === 0) return null;
    if (choice.kind === 'one') move[choice.field] = values[rng.int(values.length)];
    else {
      const some = values.filter(() => rng.int(2) === 1);
      move[choice.field] = some.length > 0 ? some : values.slice(0, 1);
    }
  }
  return move as unknown as Move;
}

/** A refused combination of offered choices still has to say why, and leave the table as it was. */
function expectClearRefusal(state: TableState, role: Role, move: Move, where: string) {
  const before = structuredClone(state);
  const result = applyMove(state, role, { version: state.version, move });
  if (result.ok) return result.value;
  expect(result.error.message.length, `${where}: ${result.error.code}`).toBeGreaterThan(10);
  expect(result.error.message, `${where}: ${JSON.stringify(move)} made a handler throw`).not.toMatch(
    /^The engine could not apply/,
  );
  expect(state).toEqual(before);
  return null;
}

/**
 * One round from the start: at each step checks every awaiting role's ready moves, then plays one move.
 * A step where the awaited role has nothing it can play would freeze a real table, so it fails the walk.
 */
function walk(
  config: TableConfig,
  seats: Record<Role, Seat>,
  rng: Rng,
  where: string,
  fuzz: (role: Role) => boolean,
): TableState {
  let state = initialState(config);
  for (let i = 0; i < MAX_MOVES && state.phase !== 'debrief'; i++) {
    for (const role of state.awaiting) {
      expectReadyMovesAccepted(state, role, where);
      if (fuzz(role)) expectAcceptedOnlyIfOffered(state, role, rng, where);
    }
    const role = ROLES.find((r) => state.awaiting.includes(r));
    if (!role) throw new Error(`${where}: no one can move in ${state.phase}`);
    let next: TableState | null = null;
    const options = legalMoves(state, role);
    // A random seat plays a random legal option half the time and its honest bot's move otherwise, so walks reach deep phases.
    if (seats[role] === 'random' && options.length > 0 && rng.int(2) === 0) {
      const move = randomFill(options[rng.int(options.length)]!, rng);
      if (move) next = expectClearRefusal(state, role, move, where);
    }
    if (!next) {
      const personality = seats[role] === 'random' ? 'honest' : (seats[role] as Personality);
      const chosen =
        botMove(state, role, personality)?.move ??
        options.map((o) => randomFill(o, rng)).find((m): m is Move => m !== null);
      if (!chosen) throw new Error(`${where}: the ${role} has nothing it can play in ${state.phase}`);
      const result = applyMove(state, role, { version: state.version, move: chosen });
      if (!result.ok) throw new Error(`${where}: ${JSON.stringify(chosen)} refused: ${result.error.message}`);
      next = result.value;
    }
    state = next;
  }
  return state;
}

const allSeats = (seat: Seat): Record<Role, Seat> => ({ client: seat, server: seat, ca: seat, eavesdropper: seat });

/** Bots honest, bots careless, then each role in turn played at random among bots of alternating personality. */
const lineups: [string, Record<Role, Seat>][] = [
  ['honest bots', allSeats('honest')],
  ['careless bots', allSeats('careless')],
  ...ROLES.map((random, n): [string, Record<Role, Seat>] => [
    `random ${random}`,
    { ...allSeats(n % 2 === 0 ? 'honest' : 'careless'), [random]: 'random' },
  ]),
];

const cases = SCENARIOS.flatMap((s) => s.modes.map((mode) => ({ id: s.id, mode })));

describe('legalMoves and applyMove agree: every ready move offered is accepted, every move accepted was offered', () => {
  it.each(cases)('$id in $mode', ({ id, mode }) => {
    const config: TableConfig = { scenarioId: id, mode, seed: tableSeed, rsaBits: 1024 };
    for (const [name, seats] of lineups) {
      const where = `${id}/${mode}/${name}`;
      // Both directions: offered ⇒ accepted everywhere; accepted ⇒ offered, fuzzed for every seat of the honest
      // table and for the random seat of the others (where play strays furthest).
      const fuzz = (role: Role) => name === 'honest bots' || seats[role] === 'random';
      const end = walk(config, seats, seededRng(tableSeed, `walk:${where}`), where, fuzz);
      expect(end.phase, where).toBe('debrief');
    }
  });

  it('a failed domain check leaves the careful CA only refusal; the careless CA may issue regardless', () => {
    for (const [id, canIssue] of [
      ['impostor-request', false],
      ['careless-ca', true],
    ] as const) {
      let state = initialState({ scenarioId: id, mode: 'tls13', seed: tableSeed });
      while (state.phase !== 'certificate-decision') {
        const role = ROLES.find((r) => state.awaiting.includes(r))!;
        const result = applyMove(state, role, botMove(state, role));
        if (!result.ok) throw new Error(result.error.message);
        state = result.value;
      }
      // The eavesdropper's request for the bank's name is the one awaiting a decision; its check failed.
      const impostor = state.requests.find((q) => q.status === 'answered' && q.requester === 'eavesdropper');
      expect(impostor, id).toBeDefined();
      const forImpostor = legalMoves(state, 'ca')
        .filter((m) => m.move?.type === 'issueCertificate' && m.move.requestId === impostor!.id)
        .map((m) => m.type);
      expect(forImpostor.length, id).toBe(canIssue ? 1 : 0);
      const refusals = legalMoves(state, 'ca').filter((m) => m.type === 'refuseRequest');
      expect(
        refusals.some((m) => m.choices?.[0]?.options[0]?.value === impostor!.id),
        id,
      ).toBe(true);
    }
  });
});

describe('a CA that turns the site down', () => {
  it.each(['tls13', 'tls12-rsa'] as const)(
    'leaves the server a self-signed certificate and the round goes on (%s)',
    (mode) => {
      let state = initialState({ scenarioId: 'happy-path', mode, seed: tableSeed, rsaBits: 1024 });
      for (let i = 0; i < MAX_MOVES && state.phase !== 'debrief'; i++) {
        const role = ROLES.find((r) => state.awaiting.includes(r))!;
        const request = state.requests.find((q) => q.requester === 'server' && q.status !== 'refused');
        const move: Move | undefined =
          role === 'ca' && request
            ? { type: 'refuseRequest', requestId: request.id, reason: 'DOMAIN_NOT_VERIFIED' }
            : botMove(state, role)?.move;
        expect(move, `${role} in ${state.phase}`).toBeDefined();
        const result = applyMove(state, role, { version: state.version, move: move! });
        if (!result.ok) throw new Error(`${role}: ${result.error.message}`);
        state = result.value;
      }
      expect(state.phase).toBe('debrief');
      expect(state.requests.find((q) => q.requester === 'server')?.status).toBe('refused');
      expect(state.pockets.server.find((i) => i.id === 'server-certificate')?.label).toMatch(/signed itself/);
      // The honest client's real chain validation turns the self-signed certificate down.
      expect(state.outcome.clientRejected).toBe('SELF_SIGNED');
      expect(state.outcome.sessionCompleted).toBe(false);
    },
  );
});
