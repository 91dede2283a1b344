/**
 * The server restarted: every client is told with a clear close code (4001, server shutdown) and a fresh server
 * starts clean. Plain tables live in the server's memory only, so nothing of them is kept: codes, seats,
 * rounds, scores and reconnection tokens are gone, and clients must create or join a new table.
 * (Its own file: Colyseus's matchmaker is one per process, and this test stops it.)
 */
import { Client } from '@colyseus/sdk';
import { describe, expect, it } from 'vitest';
import { createTable, joinTable, requestJoin, startServer, until } from './helpers.ts';

/** Colyseus's close code when the server shuts down (CloseCode.SERVER_SHUTDOWN). */
const CLOSE_SERVER_SHUTDOWN = 4001;

describe('a server restart', () => {
  it('tells every client with a clear close code; a fresh server starts clean and forgets plain tables', async () => {
    const first = await startServer();
    const { code, hostKey } = await createTable(first.httpUrl);
    const host = await joinTable(first.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const watcher = await joinTable(first.httpUrl, code, { nickname: 'Projector', spectate: true });
    host.send('start');
    await until(() => watcher.views.length > 0, 'the round');
    const closes = [host, watcher].map(
      (p) =>
        new Promise<number>((resolve) => {
          p.room.reconnection.enabled = false;
          p.room.onLeave((closeCode) => resolve(closeCode));
        }),
    );
    const { reconnectionToken } = host.room;
    await first.close();
    expect(await Promise.all(closes)).toEqual([CLOSE_SERVER_SHUTDOWN, CLOSE_SERVER_SHUTDOWN]);

    const fresh = await startServer();
    try {
      const health = (await (await fetch(`${fresh.httpUrl}/health`)).json()) as { tables: number };
      expect(health.tables).toBe(0);
      const join = await requestJoin(fresh.httpUrl, code, { nickname: 'Host' });
      expect(join.status).toBe(404);
      expect(((await join.json()) as { error: { code: string } }).error.code).toBe('NO_SUCH_TABLE');
      await expect(new Client(fresh.httpUrl).reconnect(reconnectionToken)).rejects.toThrow();
      // And it serves new tables as before.
      const table = await createTable(fresh.httpUrl);
      const newcomer = await joinTable(fresh.httpUrl, table.code, { nickname: 'Host', hostKey: table.hostKey });
      newcomer.send('start');
      await until(() => newcomer.views.length > 0, 'a round on the fresh server');
      await newcomer.leave();
    } finally {
      await fresh.close();
    }
  });
});
