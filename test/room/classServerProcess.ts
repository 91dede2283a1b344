/**
 * The real server (its own app config, HTTP routes and rooms) in a process of its own, so a test can kill it
 * with SIGKILL. Results go to HANDSHAKE_DB; steps may be as short as a test needs; bots move at once.
 * Run: node --import tsx classServerProcess.ts (PORT and HANDSHAKE_DB in the environment).
 * @module
 */
import { listen } from '@colyseus/tools';
import { createAppConfig } from '@handshake/server';

const databasePath = process.env.HANDSHAKE_DB;
if (!databasePath) throw new Error('HANDSHAKE_DB must name the test database');

await listen(
  createAppConfig({
    joinAttemptsPerMinute: 1_000,
    tablesCreatedPerMinute: 1_000,
    log: () => {},
    table: { botMoveDelayMs: 0 },
    classes: { databasePath, minStepSeconds: 0.01, openAtStart: true },
  }),
  Number(process.env.PORT),
);
console.log('ready');
