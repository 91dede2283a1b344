/**
 * Spectating is a privilege: during a round a spectator sees what every seat may see (no CA desk), unless the
 * host lets spectators see all; only the host may; the debrief is everyone's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, latestRound, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

type View = { version: number; envelopes: { channel: string }[]; requests: unknown[] };
const caDesk = (view: unknown) => (view as View).envelopes.filter((e) => e.channel === 'ca-desk');

describe('a spectator during a round', () => {
  it('sees no CA desk until the host lets spectators see all', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const watcher = await joinTable(server.httpUrl, code, { nickname: 'Watcher', spectate: true });
    host.send('start');
    // The bots get the certificate; the round then waits for the host's own move as the client.
    await until(() => {
      const round = latestRound(server, code);
      const usedDesk = round?.envelopes.some((e) => e.channel === 'ca-desk') ?? false;
      return usedDesk && round!.awaiting.includes('client');
    }, 'the CA desk to be used');
    const version = latestRound(server, code)!.version;
    await until(() => (watcher.lastView as View | undefined)?.version === version, 'the watcher’s view');
    expect(caDesk(watcher.lastView)).toEqual([]);
    expect((watcher.lastView as View).requests).toEqual([]);

    watcher.send('showSpectators', { all: true });
    await until(() => watcher.rejections.some((r) => r.code === 'NOT_HOST'), 'the watcher to be refused');
    const views = watcher.views.length;
    host.send('showSpectators', { all: true });
    await until(() => watcher.views.length > views, 'the wider view');
    expect(caDesk(watcher.lastView).length).toBeGreaterThan(0);
    await until(() => host.room.state.spectatorsSeeAll, 'the table to say spectators see all');
  });
});
