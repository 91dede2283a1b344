/** A table's lifecycle (lobby, rounds, pacing), shared by the game server and the practice table. Named re-exports only. @module */
export { describeInput } from './describeInput.ts';
export {
  isRole,
  type LobbyPerson,
  type LobbySeat,
  type MoveMaker,
  type NewTableOptions,
  newTable,
  type PlayerRequest,
  REQUEST_RULES,
  type RequestRule,
  reduceTable,
  refusalOf,
  roundInProgress,
  seatHeld,
  seatOf,
  spectatorsOf,
  type Table,
  type TableCommand,
  type TableEffect,
  type TableOutcome,
  type TablePhase,
  type TableRefusal,
  tablePhase,
} from './lobby.ts';
export { awaitedSeats, dueForTimeout, type Pacing, type PacingRules, pacingOf, stepLimitFor } from './pacing.ts';
