import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, latestRound, startServer, type TestServer, until } from './helpers.ts';

const STEP_TIME_LIMIT_MS = 1_200;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ table: { stepTimeLimitMs: STEP_TIME_LIMIT_MS } });
});
afterAll(() => server.close());

describe('per-step time limits', () => {
  it('shows a countdown while a human is awaited, then plays the idle human’s step so the table never stalls', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const human = await joinTable(server.httpUrl, code, { nickname: 'Dozy', hostKey, role: 'server' });
    human.send('start');
    await until(() => human.room.state.awaiting.includes('server'), 'the server to be awaited');
    const state = human.room.state;
    expect(state.stepDeadline).toBeGreaterThan(Date.now());
    expect(state.stepDeadline).toBeLessThanOrEqual(Date.now() + STEP_TIME_LIMIT_MS);
    expect(state.stepSecondsLeft).toBe(2);
    await until(() => state.stepSecondsLeft === 1, 'the countdown to tick', 1_500);
    await until(
      () => latestRound(server, code)!.history.some((h) => h.role === 'server'),
      'the step to be played for the idle player',
      3_000,
    );
    expect(server.logs.some((l) => l.includes(`[table ${code}] time ran out for server`))).toBe(true);
    expect(human.rejections).toEqual([]);
    await human.leave();
  });

  it('shows no deadline when only bots are awaited', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Watcher', hostKey, spectate: true });
    host.send('start');
    await until(() => host.room.state.phase === 'debrief', 'four bots to finish');
    expect(host.room.state.stepDeadline).toBe(0);
    expect(host.room.state.stepSecondsLeft).toBe(0);
    await host.leave();
  });
});
