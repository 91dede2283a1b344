/** Competitions: rotation, tables, teams, results, leaderboard and teachers' reports. Named re-exports only. @module */

export {
  type LeaderboardEntry,
  type LeaderboardStudent,
  leaderboard,
  type TeamTotal,
  teamTotals,
} from './leaderboard.ts';
export { generateNickname } from './nicknames.ts';
export { describeOutcome } from './outcome.ts';
export {
  type ConceptSummary,
  CSV_COLUMNS,
  csvField,
  type ReportRow,
  reportRow,
  resultsCsv,
  type StudentSummary,
  studentSummaries,
} from './report.ts';
export {
  type FinishedTableRound,
  INTERRUPTED_OUTCOME,
  MAX_SPEED_POINTS,
  pendingResults,
  type RoleTiming,
  type RoundStatus,
  roundResults,
  SPEED_REFERENCE_MS,
  type StudentRoundResult,
  speedBonus,
} from './results.ts';
export { roleAt, rotationSummary, seatingForRound } from './rotation.ts';
export {
  type ClassSettings,
  DEFAULT_CLASS_SETTINGS,
  isTimeAllowance,
  MAX_ROUNDS,
  MAX_STEP_SECONDS,
  MAX_TABLE_SIZE,
  MAX_TEAMS,
  MIN_STEP_SECONDS,
  type SettingsErrorCode,
  type SettingsLimits,
  scenarioForRound,
  stepLimitMs,
  TIME_ALLOWANCES,
  type TimeAllowance,
  updateClassSettings,
} from './settings.ts';
export { type Lineup, placeLatecomer, splitIntoTables, splitWithoutBots } from './tables.ts';
export { assignTeams, smallestTeam, TEAM_NAMES } from './teams.ts';
