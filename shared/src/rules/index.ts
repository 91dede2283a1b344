/** The game rules: named re-exports only. @module */
export { botMove, type Personality, timeoutMove } from './bots.ts';
export { applyMove, describeMove, roleName } from './engine.ts';
export { type Hint, type HintLevel, hintFor, recommendedMove } from './hints.ts';
export { initialState, type TableConfig, WORLD_NOW } from './initial.ts';
export { type Choice, type LegalMove, legalMoves } from './legal.ts';
export {
  ABORT_REASONS,
  type Move,
  type MoveInput,
  MoveInputSchema,
  MoveSchema,
  type MoveType,
  parseMoveInput,
  REFUSAL_REASONS,
} from './moves.ts';
export { PHASES } from './phases.ts';
export { findScenario, SCENARIOS, type Scenario } from './scenarios.ts';
export { POINTS, totals } from './scoring.ts';
export type { Envelope, Item, Outcome, PhaseId, TableState } from './state.ts';
export {
  CIPHER_SUITES,
  PROTOCOL_MODES,
  type ProtocolMode,
  type Result,
  ROLES,
  type Role,
  type RuleError,
  type RuleErrorCode,
  type Viewer,
} from './types.ts';
export { type TableView, viewFor } from './view.ts';
