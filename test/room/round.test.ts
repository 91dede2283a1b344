import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTable,
  joinTable,
  latestRound,
  pause,
  playRound,
  startServer,
  type TestServer,
  until,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function fullTable() {
  const { code, hostKey } = await createTable(server.httpUrl);
  const players = [await joinTable(server.httpUrl, code, { nickname: 'Alice', hostKey })];
  for (const nickname of ['Bob', 'Carol', 'Eve']) players.push(await joinTable(server.httpUrl, code, { nickname }));
  return { code, players, host: players[0]! };
}

describe('playing a round', () => {
  it('four clients play a whole round', async () => {
    const { code, players, host } = await fullTable();
    host.send('start');
    await until(() => players.every((p) => p.room.state.round === 1), 'the round to start everywhere');
    for (const seat of host.room.state.seats.values()) expect(seat.bot).toBe(false);
    await playRound(server, code, players);
    for (const p of players) {
      await until(() => p.room.state.phase === 'debrief', 'everyone to see the debrief');
      expect(p.rejections).toEqual([]);
      expect((p.lastView as { version: number }).version).toBe(latestRound(server, code)!.version);
      expect(new Set(p.views.map((v) => (v as { viewer: string }).viewer))).toEqual(new Set([p.role]));
    }
    expect(server.logs.some((l) => l.includes(`[table ${code}] round 1 finished`))).toBe(true);
    // The room hands the engine each human move's thinking time (for tie-breaks); the engine reads no clock.
    const final = latestRound(server, code)!;
    expect(final.history.length).toBeGreaterThan(0);
    expect(final.history.every((entry) => typeof entry.thinkMs === 'number' && entry.thinkMs >= 0)).toBe(true);
    await Promise.all(players.map((p) => p.leave()));
  });

  it('a table with one human and three bots finishes', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const human = await joinTable(server.httpUrl, code, { nickname: 'Solo', hostKey, role: 'client' });
    human.send('start');
    await until(() => human.room.state.round === 1, 'the round to start');
    expect(
      [...human.room.state.seats.values()]
        .filter((s) => s.bot)
        .map((s) => s.role)
        .sort(),
    ).toEqual(['ca', 'eavesdropper', 'server']);
    await playRound(server, code, [human]);
    expect(human.room.state.phase).toBe('debrief');
    expect(human.rejections).toEqual([]);
    await human.leave();
  });

  it('the host restarts a round after the debrief', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const human = await joinTable(server.httpUrl, code, { nickname: 'Solo', hostKey, spectate: true });
    human.send('start');
    await until(() => human.room.state.phase === 'debrief', 'four bots to finish the round');
    human.send('start');
    await until(() => human.room.state.round === 2, 'the second round');
    await until(() => human.room.state.phase === 'debrief', 'the second round to finish');
    await human.leave();
  });

  it('rejects wrong-role, wrong-phase, stale and malformed moves to the sender only, and nothing changes', async () => {
    const { code, players, host } = await fullTable();
    host.send('start');
    await until(() => latestRound(server, code) !== undefined, 'the round to start');
    const before = latestRound(server, code)!;
    const client = players.find((p) => p.role === 'client')!;
    const version = before.version;
    client.send('move', { version, move: { type: 'issueCertificate', requestId: 'req-1' } }); // the CA's move
    client.send('move', { version, move: { type: 'connect', scheme: 'https' } }); // the client's, in a later phase
    client.send('move', { version: version + 7, move: { type: 'connect', scheme: 'https' } });
    client.send('move', { version: 'one', move: 42 });
    client.send('move', '<script>');
    await until(() => client.rejections.length === 5, 'five rejections');
    expect(client.rejections.map((r) => r.code)).toEqual([
      'NOT_YOUR_ROLE',
      'WRONG_PHASE',
      'STALE_VERSION',
      'MALFORMED_MOVE',
      'MALFORMED_MOVE',
    ]);
    for (const r of client.rejections) expect(r.message.length).toBeGreaterThan(10);
    await pause(100);
    expect(latestRound(server, code)).toBe(before);
    for (const p of players.filter((p) => p !== client)) expect(p.rejections).toEqual([]);
    await Promise.all(players.map((p) => p.leave()));
  });

  it('a spectator and a bot-played seat cannot move', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, spectate: true });
    host.send('start');
    await until(() => latestRound(server, code) !== undefined, 'the round to start');
    const late = await joinTable(server.httpUrl, code, { nickname: 'Late', role: 'server' });
    const round = latestRound(server, code)!;
    host.send('move', { version: round.version, move: { type: 'skipCertificate' } });
    late.send('move', { version: round.version, move: { type: 'skipCertificate' } });
    await until(() => host.rejections.length === 1 && late.rejections.length === 1, 'both rejections');
    expect(host.rejections[0]?.code).toBe('NOT_SEATED');
    expect(late.rejections[0]?.code).toBe('BOT_HAS_SEAT');
    await Promise.all([host.leave(), late.leave()]);
  });

  it('a player who joins during a round takes a bot’s seat at the next round', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    host.send('start');
    await until(() => host.room.state.round === 1, 'the round to start');
    const late = await joinTable(server.httpUrl, code, { nickname: 'Late' });
    expect(late.role).toBe('server');
    expect(late.room.state.seats.get('server')?.bot).toBe(true);
    expect(late.room.state.seats.get('server')?.nickname).toBe('Late');
    await until(() => late.views.length > 0, 'the late joiner to see the round');
    await playRound(server, code, [host]);
    host.send('start');
    await until(() => late.room.state.round === 2, 'the next round');
    expect(late.room.state.seats.get('server')?.bot).toBe(false);
    await Promise.all([host.leave(), late.leave()]);
  });

  it('answers an unknown message type to its sender', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey });
    host.send('launchMissiles', { now: true });
    await until(() => host.rejections.length === 1, 'the rejection');
    expect(host.rejections[0]).toMatchObject({ request: 'launchMissiles', code: 'UNKNOWN_MESSAGE' });
    await host.leave();
  });
});
