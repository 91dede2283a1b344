/**
 * A host floods `start` on a classic (RSA) table while another table plays. Each start needs a fresh
 * 2048-bit RSA key: it is made on a worker thread, so the other table's moves land while that table waits for
 * its key, and the flood is cut by the per-table start limit with a readable answer.
 * (Latency figures are bench/startFlood.bench.ts's job; this test checks order, not time.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, pause, playRound, startServer, type TestServer, until } from './helpers.ts';

const STARTS_PER_MINUTE = 4;
const FLOOD_STARTS = 12;

/** Server-side events in the order they happened: log lines and `commit <code>` for each state a table adopted. */
const events: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    log: (line) => events.push(line),
    table: {
      startsPerMinute: STARTS_PER_MINUTE,
      observeRound: (code, round) => {
        events.push(`commit ${code}`);
        server.rounds.set(code, [...(server.rounds.get(code) ?? []), round]);
      },
    },
  });
});
afterAll(() => server.close());

/** Whether table `other` adopted a state while table `flooded` was waiting for an RSA key. */
function otherMovedDuringKeygen(flooded: string, other: string): boolean {
  let waiting = false;
  for (const event of events) {
    if (event.includes(`[table ${flooded}] making an RSA key off the event loop`)) waiting = true;
    else if (event === `commit ${flooded}`) waiting = false;
    else if (waiting && event === `commit ${other}`) return true;
  }
  return false;
}

describe('a start flood on a classic table', () => {
  it('is limited per table, and another table’s moves land while its keys are made', async () => {
    const flooded = await createTable(server.httpUrl);
    const flooder = await joinTable(server.httpUrl, flooded.code, {
      nickname: 'Flooder',
      hostKey: flooded.hostKey,
      role: 'client',
    });
    flooder.send('configure', { scenarioId: 'self-signed', mode: 'tls12-rsa' });

    const other = await createTable(server.httpUrl);
    const player = await joinTable(server.httpUrl, other.code, {
      nickname: 'Player',
      hostKey: other.hostKey,
      role: 'client',
    });
    player.send('start');
    await until(() => player.views.length > 0, 'the other table’s round to start');

    const playing = playRound(server, other.code, [player]);
    for (let i = 0; i < FLOOD_STARTS; i++) {
      flooder.send('start');
      await pause(50);
    }
    await playing;
    expect(player.room.state.phase).toBe('debrief');
    expect(player.rejections).toEqual([]);

    await until(
      () => flooder.rejections.some((r) => r.code === 'TOO_MANY_STARTS'),
      'the start limit to answer the flooder',
    );
    const refused = flooder.rejections.filter((r) => r.request === 'start');
    expect(refused.every((r) => r.code === 'TOO_MANY_STARTS' && r.message.length > 0)).toBe(true);
    expect(refused.length).toBe(FLOOD_STARTS - STARTS_PER_MINUTE);
    expect(otherMovedDuringKeygen(flooded.code, other.code)).toBe(true);
    await Promise.all([flooder.leave(), player.leave()]);
  });
});
