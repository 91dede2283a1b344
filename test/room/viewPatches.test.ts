/**
 * Views as patches over real WebSockets: after each move a connection gets only a `viewPatch`, and the view
 * it rebuilds is, at every version, exactly `viewFor` of the table's state for its seat; a connection that asks
 * for its view gets it whole.
 */

import { spectatorView } from '@handshake/server/spectatorView';
import {
  type Role,
  type ServerToClientViewPatch,
  type TableView,
  VIEW_PATCH_MESSAGE,
  VIEW_REQUEST_MESSAGE,
  viewFor,
} from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, playRound, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('views as patches', () => {
  it('every rebuilt view equals the engine’s view of that version; moves send patches, not views', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const players = [await joinTable(server.httpUrl, code, { nickname: 'Alice', hostKey })];
    for (const nickname of ['Bob', 'Carol', 'Eve']) players.push(await joinTable(server.httpUrl, code, { nickname }));
    const spectator = await joinTable(server.httpUrl, code, { nickname: 'Projector', spectate: true });
    const counts = { whole: 0, patch: 0 };
    spectator.room.onMessage('view', () => counts.whole++);
    spectator.room.onMessage(VIEW_PATCH_MESSAGE, (_patch: ServerToClientViewPatch) => counts.patch++);
    players[0]!.send('start');
    await until(() => players.every((p) => p.views.length > 0), 'the round to start');
    await playRound(server, code, players);
    const states = server.rounds.get(code)!;
    await until(() => spectator.views.some((v) => (v as TableView).phase === 'debrief'), 'the debrief');
    for (const p of [...players, spectator]) {
      const viewer = (p.role ?? 'spectator') as Role | 'spectator';
      for (const view of p.views as TableView[]) {
        const state = states.find((s) => s.version === view.version)!;
        // A spectator sees the public wire during a round (the host did not widen it): the room's spectator view.
        expect(view).toEqual(viewer === 'spectator' ? spectatorView(state, false) : viewFor(state, viewer));
      }
      expect(p.rejections).toEqual([]);
    }
    // One whole view when the round started; every move after it, the debrief's too, was a patch.
    expect(counts.whole).toBe(1);
    expect(counts.patch).toBe(states.length - 1);
  });

  it('a connection that asks for its view gets it whole, at the current version', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey });
    host.send('start');
    await until(() => host.views.length > 0, 'the round to start');
    let whole: TableView | undefined;
    host.room.onMessage('view', (view: TableView) => {
      whole = view;
    });
    const held = (host.views.at(-1) as TableView).version;
    host.send(VIEW_REQUEST_MESSAGE);
    await until(() => whole !== undefined, 'the whole view');
    // Bots may move meanwhile: the whole view is the engine's view of the state at its own version, not older.
    const answered = whole!;
    expect(answered.version).toBeGreaterThanOrEqual(held);
    const state = server.rounds.get(code)!.find((s) => s.version === answered.version)!;
    expect(answered).toEqual(viewFor(state, host.role!));
  });
});
