/** The table settings the capacity bench runs the server with: what a class would see, minus the pauses meant for people. @module */
export const BENCH_TABLE_SETTINGS = {
  botMoveDelayMs: 5,
  stepTimeLimitMs: 5_000,
  reconnectionWindowSeconds: 5,
  maxMessagesPerSecond: 1_000,
};
