/**
 * Faults, each ending in a defined state with nothing lost that was promised:
 * - a player's connection cut mid-handshake keeps their seat; back in time, they resume with the same role,
 *   session and current view and finish the round; not back in time, a bot plays the seat to the debrief;
 * - the host dropping mid-round stays host if back in time, else the host role passes on and the table goes on.
 * (A server restart is in restart.test.ts: it needs a process of its own.)
 */
import { Client } from '@colyseus/sdk';
import { type PhaseId, SCENARIOS, type TableState } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTable,
  dropConnection,
  joinTable,
  latestRound,
  Player,
  playRound,
  startServer,
  type TestServer,
  until,
} from './helpers.ts';

const RECONNECTION_WINDOW_SECONDS = 1;

const HANDSHAKE_PHASES: readonly PhaseId[] = [
  'client-hello',
  'server-hello',
  'server-keys',
  'client-keys',
  'client-verify',
  'client-key-exchange',
  'client-finish',
  'server-finish',
];

let server: TestServer;
/** Each fault test plays (part of) a round, classic mode included: generous for a loaded machine. */
vi.setConfig({ testTimeout: 90_000 });
beforeAll(async () => {
  server = await startServer({ table: { reconnectionWindowSeconds: RECONNECTION_WINDOW_SECONDS } });
});
afterAll(() => server.close());

const serverAwaitedMidHandshake = (round: TableState) =>
  HANDSHAKE_PHASES.includes(round.phase) && round.awaiting.includes('server');

/** Host as the client, a student as the server, bots for the rest; played until the student's handshake step. */
async function handshakeAwaitingStudent(mode: string) {
  const { code, hostKey } = await createTable(server.httpUrl);
  const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
  const student = await joinTable(server.httpUrl, code, { nickname: 'Stu', role: 'server' });
  await until(() => host.room.state.seats.get('server')?.sessionId === student.sessionId, 'the student seated');
  host.send('configure', { scenarioId: SCENARIOS[0]!.id, mode });
  await until(() => host.room.state.mode === mode, 'the mode');
  host.send('start');
  await until(() => latestRound(server, code) !== undefined, 'the round');
  await playRound(server, code, [host, student], serverAwaitedMidHandshake);
  expect(serverAwaitedMidHandshake(latestRound(server, code)!)).toBe(true);
  return { code, host, student };
}

describe('a connection cut mid-handshake', () => {
  it.each(SCENARIOS[0]!.modes)(
    '(%s) the player comes back to the same seat, role and view, and finishes',
    async (mode) => {
      const { code, host, student } = await handshakeAwaitingStudent(mode);
      const { sessionId, reconnectionToken } = student.room;
      const before = latestRound(server, code)!;
      dropConnection(student, false);
      await until(() => host.room.state.seats.get('server')?.connected === false, 'the seat to show the drop');
      expect(host.room.state.seats.get('server')).toMatchObject({ sessionId, bot: false });

      const room = await new Client(server.httpUrl).reconnect(reconnectionToken);
      const back = new Player(room);
      expect(back.sessionId).toBe(sessionId);
      await until(() => back.views.length > 0, 'the view to come back');
      const view = back.lastView as { viewer: string; version: number; phase: string; awaiting: string[] };
      expect(view).toMatchObject({ viewer: 'server', version: before.version, phase: before.phase });
      expect(view.awaiting).toContain('server');
      expect(back.role).toBe('server');

      await playRound(server, code, [host, back]);
      const finished = latestRound(server, code)!;
      expect(finished.phase).toBe('debrief');
      expect(finished.history.filter((m) => m.role === 'server' && m.version >= before.version).length).toBeGreaterThan(
        0,
      );
      await Promise.all([host.leave(), back.leave()]);
    },
  );

  it('not back in time: a bot plays the seat and the round ends in its debrief', async () => {
    const { code, host, student } = await handshakeAwaitingStudent(SCENARIOS[0]!.modes[0]!);
    const { reconnectionToken } = student.room;
    dropConnection(student, false);
    await until(() => host.room.state.seats.get('server')?.bot === true, 'a bot to take the seat', 3_000);
    await expect(new Client(server.httpUrl).reconnect(reconnectionToken)).rejects.toThrow();
    await playRound(server, code, [host]);
    const finished = latestRound(server, code)!;
    expect(finished.phase).toBe('debrief');
    expect(finished.outcome.sessionCompleted).toBe(true);
    expect(server.logs.some((l) => l.includes(`[table ${code}] Stu left; a bot keeps the server seat`))).toBe(true);
    await host.leave();
  });
});

describe('the host dropping mid-round', () => {
  async function roundWithHost() {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Teacher', hostKey, role: 'client' });
    const student = await joinTable(server.httpUrl, code, { nickname: 'Stu', role: 'server' });
    await until(() => host.room.state.seats.get('server')?.sessionId === student.sessionId, 'the student seated');
    host.send('start');
    await until(() => student.views.length > 0, 'the round');
    return { code, host, student };
  }

  it('back in time: still the host', async () => {
    const { host, student } = await roundWithHost();
    const reconnected = new Promise<void>((resolve) => host.room.onReconnect(() => resolve()));
    dropConnection(host, true);
    await reconnected;
    expect(student.room.state.hostSessionId).toBe(host.sessionId);
    const round = student.room.state.round;
    host.send('start');
    await until(() => student.room.state.round === round + 1, 'the host to restart the round');
    await Promise.all([host.leave(), student.leave()]);
  });

  it('not back in time: the host role passes on and the new host runs the table', async () => {
    const { code, host, student } = await roundWithHost();
    dropConnection(host, false);
    await until(() => student.room.state.hostSessionId === student.sessionId, 'the host role to pass on', 3_000);
    expect(student.room.state.seats.get('client')?.bot).toBe(true);
    await playRound(server, code, [student]);
    const round = student.room.state.round;
    student.send('start');
    await until(() => student.room.state.round === round + 1, 'the new host to start a round');
    expect(student.rejections).toEqual([]);
    await student.leave();
  });
});
