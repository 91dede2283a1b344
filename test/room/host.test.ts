import { Client } from '@colyseus/sdk';
import { CLOSE_CODES, SCENARIOS } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, pause, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function tableWithHostAndGuest() {
  const { code, hostKey } = await createTable(server.httpUrl);
  const host = await joinTable(server.httpUrl, code, { nickname: 'Teacher', hostKey, spectate: true });
  const guest = await joinTable(server.httpUrl, code, { nickname: 'Student', role: 'client' });
  await until(
    () =>
      host.room.state.hostSessionId === host.sessionId &&
      host.room.state.seats.get('client')?.sessionId === guest.sessionId,
    'the host to see itself as host and the guest seated',
  );
  return { code, host, guest };
}

describe('host powers', () => {
  it('a non-host cannot configure, start or remove, and nothing changes', async () => {
    const { host, guest } = await tableWithHostAndGuest();
    const scenario = SCENARIOS.at(-1)!;
    guest.send('configure', { scenarioId: scenario.id, mode: scenario.modes[0] });
    guest.send('start');
    guest.send('remove', { sessionId: host.sessionId });
    await until(() => guest.rejections.length === 3, 'three rejections');
    expect(guest.rejections.map((r) => [r.request, r.code])).toEqual([
      ['configure', 'NOT_HOST'],
      ['start', 'NOT_HOST'],
      ['remove', 'NOT_HOST'],
    ]);
    await pause(100);
    expect(guest.room.state.phase).toBe('lobby');
    expect(guest.room.state.round).toBe(0);
    expect(guest.room.state.scenarioId).toBe(SCENARIOS[0]!.id);
    expect(host.rejections).toEqual([]);
    expect(guest.views).toEqual([]);
    await Promise.all([host.leave(), guest.leave()]);
  });

  it('the host picks the scenario and mode; unknown ones are refused to the host alone', async () => {
    const { host, guest } = await tableWithHostAndGuest();
    const scenario = SCENARIOS.find((s) => s.modes.length === 1) ?? SCENARIOS.at(-1)!;
    host.send('configure', { scenarioId: scenario.id, mode: scenario.modes[0] });
    await until(() => guest.room.state.scenarioId === scenario.id, 'the scenario to change for everyone');
    expect(guest.room.state.mode).toBe(scenario.modes[0]);
    host.send('configure', { scenarioId: 'no-such-scenario' });
    host.send('configure', { scenarioId: scenario.id, mode: 'ssl3' });
    await until(() => host.rejections.length === 2, 'two rejections');
    expect(host.rejections.map((r) => r.code)).toEqual(['UNKNOWN_SCENARIO', 'UNSUPPORTED_MODE']);
    expect(guest.rejections).toEqual([]);
    await Promise.all([host.leave(), guest.leave()]);
  });

  it('the host starts a round; empty seats get bots', async () => {
    const { host, guest } = await tableWithHostAndGuest();
    host.send('start');
    await until(() => guest.room.state.round === 1, 'the round to start');
    const seats = guest.room.state.seats;
    expect(seats.get('client')?.bot).toBe(false);
    for (const role of ['server', 'ca', 'eavesdropper']) expect(seats.get(role)?.bot).toBe(true);
    await until(() => guest.views.length > 0 && host.views.length > 0, 'views');
    await Promise.all([host.leave(), guest.leave()]);
  });

  it('the host removes a player, who is disconnected, cannot reconnect, and whose seat is freed', async () => {
    const { host, guest } = await tableWithHostAndGuest();
    const token = guest.room.reconnectionToken;
    const left = new Promise<number>((resolve) => guest.room.onLeave((code) => resolve(code)));
    host.send('remove', { sessionId: guest.sessionId });
    expect(await left).toBe(CLOSE_CODES.REMOVED_BY_HOST);
    await until(() => host.room.state.seats.get('client')?.sessionId === '', 'the seat to be freed');
    await expect(new Client(server.httpUrl).reconnect(token)).rejects.toThrow();
    host.send('remove', { sessionId: host.sessionId });
    await until(() => host.rejections.length === 1, 'removing oneself to be refused');
    expect(host.rejections[0]?.code).toBe('UNKNOWN_PLAYER');
    await host.leave();
  });

  it('when the host leaves for good, the longest-present player becomes host', async () => {
    const { host, guest } = await tableWithHostAndGuest();
    await host.leave();
    await until(() => guest.room.state.hostSessionId === guest.sessionId, 'the guest to become host');
    guest.send('start');
    await until(() => guest.room.state.round === 1, 'the new host to start a round');
    await guest.leave();
  });
});
