/** The game rules: named re-exports only. @module */
export { botMove, type Personality, timeoutMove } from './bots.ts';
export { applyMove, describeMove, MAX_THINK_MS_PER_MOVE, type MoveTiming, roleName } from './engine.ts';
export { envelopeLabel, LOCKS, type Lock, lockLabel, MESSAGE_KINDS, type MessageKind } from './envelopes.ts';
export { type Hint, type HintLevel, hintFor, recommendedMove } from './hints.ts';
export { initialState, type TableConfig, WORLD_NOW } from './initial.ts';
export { type Choice, type LegalMove, legalMoves } from './legal.ts';
export {
  ABORT_REASONS,
  MOVES,
  type Move,
  type MoveInput,
  MoveInputSchema,
  MoveSchema,
  type MoveSpec,
  type MoveType,
  parseMoveInput,
  REFUSAL_REASONS,
} from './moves/index.ts';
export { PHASES, TRANSITIONS } from './phases.ts';
export { findScenario, lessonFor, playableScenarios, SCENARIOS, type Scenario } from './scenarios.ts';
export { compareForTies, POINTS, type Standing, standings, totals } from './scoring.ts';
export type { Envelope, Item, Outcome, PhaseId, TableState } from './state.ts';
export {
  ALL_CIPHER_SUITES,
  CIPHER_SUITES,
  PROTOCOL_MODES,
  type ProtocolMode,
  type Result,
  ROLES,
  type Role,
  type RuleError,
  type RuleErrorCode,
  suitesFor,
  TLS12_CIPHER_SUITE,
  type Viewer,
} from './types.ts';
export { type TableView, viewFor } from './view.ts';
