import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, type Player, requestJoin, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('creating and joining a table by code', () => {
  it('creates a table with a six-character code without look-alikes', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(hostKey.length).toBeGreaterThanOrEqual(32);
  });

  it('joins by a code typed in lower case with spaces', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`;
    const host = await joinTable(server.httpUrl, typed, { nickname: 'Ada', hostKey });
    await until(() => host.room.state.hostSessionId === host.sessionId, 'the host to be recognised');
    expect(host.role).toBe('client');
    await host.leave();
  });

  it('refuses an unknown code and a malformed one with a clear error', async () => {
    const unknown = await requestJoin(server.httpUrl, 'ZZZZZZ', { nickname: 'Ada' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'NO_SUCH_TABLE', message: 'No table has the code ZZZZZZ. Check the code with your host.' },
    });
    const malformed = await requestJoin(server.httpUrl, 'AB0OI1', { nickname: 'Ada' });
    expect(malformed.status).toBe(404);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('NO_SUCH_TABLE');
  });

  it('refuses a taken nickname, a profane one, a taken role and an overlong name', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Grace', hostKey, role: 'server' });
    const refusal = async (options: object) =>
      ((await (await requestJoin(server.httpUrl, code, options)).json()) as { error: { code: string } }).error.code;
    expect(await refusal({ nickname: ' grace ' })).toBe('NICKNAME_TAKEN');
    expect(await refusal({ nickname: 'fuckface' })).toBe('NICKNAME_REJECTED');
    expect(await refusal({ nickname: 'Linus', role: 'server' })).toBe('SEAT_TAKEN');
    expect(await refusal({ nickname: 'Linus', role: 'king' })).toBe('UNKNOWN_ROLE');
    expect(await refusal({ nickname: 'x'.repeat(21) })).toBe('NICKNAME_TOO_LONG');
    expect(await refusal({ nickname: '   ' })).toBe('NICKNAME_MISSING');
    await host.leave();
  });

  it('gives a fifth player a clear "full" error but admits a spectator', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const players: Player[] = [await joinTable(server.httpUrl, code, { nickname: 'P1', hostKey })];
    for (const nickname of ['P2', 'P3', 'P4']) players.push(await joinTable(server.httpUrl, code, { nickname }));
    expect(players.map((p) => p.role).sort()).toEqual(['ca', 'client', 'eavesdropper', 'server']);
    const fifth = await requestJoin(server.httpUrl, code, { nickname: 'P5' });
    expect(fifth.status).toBe(409);
    expect(((await fifth.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'TABLE_FULL',
      message: `All four seats at table ${code} are taken; you can still join as a spectator.`,
    });
    const spectator = await joinTable(server.httpUrl, code, { nickname: 'P5', spectate: true });
    await until(() => spectator.room.state.spectators.has(spectator.sessionId), 'the spectator to be listed');
    expect(spectator.role).toBeNull();
    await Promise.all([...players, spectator].map((p) => p.leave()));
  });

  it('players joining at different times all see every seat (late-joiner sync)', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const first = await joinTable(server.httpUrl, code, { nickname: 'Early', hostKey, role: 'ca' });
    await until(() => first.room.state.seats.get('ca')?.nickname === 'Early', 'the first seat');
    const late = await joinTable(server.httpUrl, code, { nickname: 'Late', role: 'eavesdropper' });
    for (const p of [first, late]) {
      await until(
        () =>
          p.room.state.seats.get('ca')?.nickname === 'Early' &&
          p.room.state.seats.get('eavesdropper')?.nickname === 'Late',
        'both seats on both connections',
      );
      expect(p.room.state.seats.size).toBe(4);
      expect(p.room.state.seats.get('client')?.bot).toBe(true);
    }
    await Promise.all([first.leave(), late.leave()]);
  });

  it('a player moves to a free seat or stands up to watch; taken seats and unknown roles are refused', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const ada = await joinTable(server.httpUrl, code, { nickname: 'Ada', hostKey });
    const bob = await joinTable(server.httpUrl, code, { nickname: 'Bob', role: 'ca' });
    ada.send('pickRole', { role: 'eavesdropper' });
    await until(() => ada.room.state.seats.get('eavesdropper')?.nickname === 'Ada', 'the move');
    expect(ada.room.state.seats.get('client')?.sessionId).toBe('');
    ada.send('pickRole', { role: 'ca' });
    ada.send('pickRole', { role: 'wizard' });
    await until(() => ada.rejections.length === 2, 'two refusals');
    expect(ada.rejections.map((r) => r.code)).toEqual(['SEAT_TAKEN', 'UNKNOWN_ROLE']);
    bob.send('pickRole', { role: null });
    await until(() => ada.room.state.spectators.get(bob.sessionId)?.nickname === 'Bob', 'Bob to stand up');
    expect(ada.room.state.seats.get('ca')?.sessionId).toBe('');
    await Promise.all([ada.leave(), bob.leave()]);
  });

  it('the matchmaker refuses to create or join tables directly', async () => {
    const { code } = await createTable(server.httpUrl);
    const sdk = new Client(server.httpUrl);
    await expect(sdk.create('table', { nickname: 'Mallory' })).rejects.toThrow(/invalid method/);
    await expect(sdk.joinOrCreate('table', { nickname: 'Mallory' })).rejects.toThrow(/invalid method/);
    await expect(sdk.joinById(code, { nickname: 'Mallory' })).rejects.toThrow(/invalid method/);
  });
});

describe('serving', () => {
  it('answers /health with JSON', async () => {
    const response = await fetch(`${server.httpUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});
