import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, pause, startServer, type TestServer, until } from './helpers.ts';

const MAX_MESSAGES_PER_SECOND = 10;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ table: { maxMessagesPerSecond: MAX_MESSAGES_PER_SECOND } });
});
afterAll(() => server.close());

describe('one room’s trouble stays in that room', () => {
  it('a handler that throws is reported to its sender; the room, other rooms and the process go on', async () => {
    const a = await createTable(server.httpUrl);
    const b = await createTable(server.httpUrl);
    const alice = await joinTable(server.httpUrl, a.code, { nickname: 'Alice', hostKey: a.hostKey });
    const bob = await joinTable(server.httpUrl, b.code, { nickname: 'Bob', hostKey: b.hostKey });
    const roomA = matchMaker.getLocalRoomById(a.code)!;
    // A fault planted in room A's message handling and in its clock.
    roomA.onMessage('explode', () => {
      throw new Error('planted fault');
    });
    roomA.clock.setTimeout(() => {
      throw new Error('planted timer fault');
    }, 0);
    alice.send('explode');
    await until(() => alice.rejections.length === 1, 'the sender to hear about it');
    expect(alice.rejections[0]).toMatchObject({ request: 'explode', code: 'SERVER_ERROR' });
    await until(() => server.logs.some((l) => l.includes('planted timer fault')), 'the timer fault to be logged');
    expect(server.logs.some((l) => l.includes(`[table ${a.code}] error in onMessage: planted fault`))).toBe(true);

    alice.send('start');
    bob.send('start');
    await until(() => alice.room.state.round === 1 && bob.room.state.round === 1, 'both rooms to go on');
    expect((await fetch(`${server.httpUrl}/health`)).status).toBe(200);
    await Promise.all([alice.leave(), bob.leave()]);
  });

  it(`disconnects a client sending more than ${MAX_MESSAGES_PER_SECOND} messages a second`, async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const calm = await joinTable(server.httpUrl, code, { nickname: 'Calm', hostKey });
    const flood = await joinTable(server.httpUrl, code, { nickname: 'Flood' });
    flood.room.reconnection.enabled = false;
    const left = new Promise<number>((resolve) => flood.room.onLeave((closeCode) => resolve(closeCode)));
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND * 3; i++) flood.send('pickRole', { role: null });
    expect(await left).toBe(4002);
    await pause(50);
    calm.send('start');
    await until(() => calm.room.state.round === 1, 'the table to go on');
    await calm.leave();
  });
});
