/** Every move, from its module: the registry that legalMoves, applyMove, bots and hints are derived from. @module */
import * as v from 'valibot';
import type { PhaseId } from '../state.ts';
import type { Role } from '../types.ts';
import * as aftermath from './aftermath.ts';
import * as attacks from './attacks.ts';
import * as certificate from './certificate.ts';
import * as connection from './connection.ts';
import * as data from './data.ts';
import * as handshake from './handshake.ts';
import type { MoveSpec } from './spec.ts';
import * as wire from './wire.ts';

export { CLIENT_HELLO_EDITS } from './attacks.ts';
export { REFUSAL_REASONS, type RefusalReason } from './certificate.ts';
export { ABORT_REASONS, type AbortReason } from './handshake.ts';
export type { Choice, LegalMove, MoveSpec } from './spec.ts';

/** Every move module, in the order its moves are offered (and bots asked). A new move joins its module's two lists. */
const MODULES = [certificate, connection, handshake, data, wire, attacks, aftermath] as const;

/** Every move a player can send, as a runtime schema, and its TypeScript type. */
export const MoveSchema = v.variant('type', [
  ...certificate.SCHEMAS,
  ...connection.SCHEMAS,
  ...handshake.SCHEMAS,
  ...data.SCHEMAS,
  ...wire.SCHEMAS,
  ...attacks.SCHEMAS,
  ...aftermath.SCHEMAS,
]);
export type Move = v.InferOutput<typeof MoveSchema>;
export type MoveType = Move['type'];

const typeOf = (spec: MoveSpec): MoveType =>
  (spec.schema as unknown as { entries: { type: { literal: MoveType } } }).entries.type.literal;

const ALL: readonly MoveSpec[] = MODULES.flatMap((module) => module.SPECS as readonly MoveSpec[]);

/** Every move by type. */
export const MOVES = Object.fromEntries(ALL.map((spec) => [typeOf(spec), spec])) as Readonly<
  Record<MoveType, MoveSpec>
>;

/** The move modules `role` plays in `phase`, in the order above. */
export function movesFor(phase: PhaseId, role: Role): readonly MoveSpec[] {
  return ALL.filter((spec) => spec.turns[phase]?.includes(role));
}

/** The move types `role` may make in `phase`. */
export function movesAllowed(phase: PhaseId, role: Role): readonly MoveType[] {
  return movesFor(phase, role).map(typeOf);
}

/** Which roles may ever make a move type (in some phase). */
export function rolesFor(type: MoveType): ReadonlySet<Role> {
  return new Set(Object.values(MOVES[type].turns).flat());
}

export const MoveInputSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
  move: MoveSchema,
});
export type MoveInput = v.InferOutput<typeof MoveInputSchema>;

/** Parses untrusted input into a move, or explains in one sentence what is wrong with it. */
export function parseMoveInput(input: unknown): { ok: true; value: MoveInput } | { ok: false; message: string } {
  const result = v.safeParse(MoveInputSchema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return {
    ok: false,
    message: `That move is not well formed${path ? ` (at ${path})` : ''}: ${issue?.message ?? 'unknown problem'}.`,
  };
}
