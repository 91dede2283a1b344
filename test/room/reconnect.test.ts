import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTable,
  dropConnection,
  joinTable,
  latestRound,
  playRound,
  startServer,
  type TestServer,
  until,
} from './helpers.ts';

const RECONNECTION_WINDOW_SECONDS = 1;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ table: { reconnectionWindowSeconds: RECONNECTION_WINDOW_SECONDS } });
});
afterAll(() => server.close());

/** A table mid-round: the host plays the client, a student the eavesdropper, bots the rest. */
async function tableInRound() {
  const { code, hostKey } = await createTable(server.httpUrl);
  const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
  const student = await joinTable(server.httpUrl, code, { nickname: 'Stu', role: 'eavesdropper' });
  await until(
    () => host.room.state.seats.get('eavesdropper')?.sessionId === student.sessionId,
    'the host to see the student',
  );
  host.send('start');
  await until(() => student.views.length > 0, 'the round to start');
  return { code, host, student };
}

describe('reconnection', () => {
  it('a client that drops and returns with its token gets its seat, role and view back', async () => {
    const { code, host, student } = await tableInRound();
    const { sessionId, reconnectionToken } = student.room;
    dropConnection(student, false);
    await until(() => host.room.state.seats.get('eavesdropper')?.connected === false, 'the seat to show the drop');
    expect(host.room.state.seats.get('eavesdropper')?.sessionId).toBe(sessionId);

    const back = new Client(server.httpUrl);
    const room = await back.reconnect(reconnectionToken);
    const views: unknown[] = [];
    room.onMessage('view', (view) => views.push(view));
    room.onMessage('rejected', () => {});
    expect(room.sessionId).toBe(sessionId);
    await until(() => views.length > 0, 'the private view to come back');
    const view = views.at(-1) as { version: number; viewer: string };
    expect(view.viewer).toBe('eavesdropper');
    expect(view.version).toBe(latestRound(server, code)!.version);
    await until(() => host.room.state.seats.get('eavesdropper')?.connected === true, 'the seat to show the return');
    expect(room.state.seats.get('eavesdropper').sessionId).toBe(sessionId);
    await Promise.all([host.leave(), room.leave(true)]);
  });

  it('the SDK reconnects by itself after a dropped connection', async () => {
    const { host, student } = await tableInRound();
    const reconnected = new Promise<void>((resolve) => student.room.onReconnect(() => resolve()));
    const viewsBefore = student.views.length;
    dropConnection(student, true);
    await reconnected;
    await until(() => student.views.length > viewsBefore, 'the view to be sent again');
    expect(student.role).toBe('eavesdropper');
    await Promise.all([host.leave(), student.leave()]);
  });

  it('after the reconnection window a bot keeps the seat and the round goes on', async () => {
    const { code, host, student } = await tableInRound();
    const { reconnectionToken } = student.room;
    dropConnection(student, false);
    await until(() => host.room.state.seats.get('eavesdropper')?.sessionId === '', 'the window to close', 3_000);
    const seat = host.room.state.seats.get('eavesdropper')!;
    expect(seat.bot).toBe(true);
    expect(seat.nickname).toBe('');
    await expect(new Client(server.httpUrl).reconnect(reconnectionToken)).rejects.toThrow();
    expect(server.logs.some((l) => l.includes(`[table ${code}] Stu left; a bot keeps the eavesdropper seat`))).toBe(
      true,
    );
    await playRound(server, code, [host]);
    expect(host.room.state.phase).toBe('debrief');
    await host.leave();
  });
});
