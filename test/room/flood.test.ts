/**
 * A client sending far faster than a person could: Colyseus counts its messages per second
 * (`maxMessagesPerSecond`), answers no more than the limit, then disconnects it; the other players at the
 * table keep playing, their moves go through, and the flooder's seat passes to a bot when it does not return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, latestRound, playRound, startServer, type TestServer, until } from './helpers.ts';

const MAX_MESSAGES_PER_SECOND = 10;
/** A person clicks a few times a second; this is hundreds. */
const FLOOD_MESSAGES = 500;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    table: { maxMessagesPerSecond: MAX_MESSAGES_PER_SECOND, reconnectionWindowSeconds: 1 },
  });
});
afterAll(() => server.close());

describe('a flooding client', () => {
  it('is answered at most up to the limit, then disconnected, while the others’ moves go through', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const student = await joinTable(server.httpUrl, code, { nickname: 'Stu', role: 'server' });
    const flooder = await joinTable(server.httpUrl, code, { nickname: 'Flood', role: 'eavesdropper' });
    flooder.room.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => flooder.room.onLeave((closeCode) => resolve(closeCode)));
    await until(() => host.room.state.seats.get('eavesdropper')?.sessionId === flooder.sessionId, 'everyone seated');
    host.send('start');
    await until(() => latestRound(server, code) !== undefined && flooder.views.length > 0, 'the round to start');

    // Moves made against the current version: each one reaches the engine unless the limit stops it.
    const version = latestRound(server, code)!.version;
    for (let i = 0; i < FLOOD_MESSAGES && flooder.room.connection.isOpen; i++) {
      flooder.send('move', { version, move: { type: 'dropEnvelope', envelopeId: i } });
    }
    const playing = playRound(server, code, [host, student]);
    expect(await closed).toBe(4002);
    // Answered no more than the limit allows in its first second (plus the message that starts the count).
    expect(flooder.rejections.length).toBeLessThanOrEqual(MAX_MESSAGES_PER_SECOND + 1);

    await playing;
    expect(host.room.state.phase).toBe('debrief');
    expect([...host.rejections, ...student.rejections]).toEqual([]);
    const moves = latestRound(server, code)!.history;
    expect(moves.some((m) => m.role === 'client')).toBe(true);
    expect(moves.some((m) => m.role === 'server')).toBe(true);
    expect(host.room.state.seats.get('eavesdropper')?.bot).toBe(true);
    expect(
      server.logs.some((l) => l.includes(`[table ${code}] Flood was cut off (too many or unreadable messages)`)),
    ).toBe(true);
    await Promise.all([host.leave(), student.leave()]);
  });
});
