/**
 * The host takes a class table's finished round out of the game: `tableDebrief` answers the host alone
 * with the table's debrief (key log included), from which the dashboard builds the Wireshark capture.
 */
import { roundPcapng, type ServerToClientTableDebrief } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHost, createClass, joinClass, playTables, startClassServer } from './classHelpers.ts';
import { type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer();
});
afterAll(() => server.close());

describe('a class table’s round, out of the game', () => {
  it('the host gets the finished table’s debrief; a student, a wrong table or a round in progress are refused', async () => {
    const session = await createClass(server.httpUrl, { playlist: ['tampered-record'], rounds: 1, stepSeconds: null });
    const host = await connectHost(server.httpUrl, session.code, session.hostKey);
    const debriefs: ServerToClientTableDebrief[] = [];
    host.room.onMessage('tableDebrief', (d: ServerToClientTableDebrief) => debriefs.push(d));
    const student = await joinClass(server.httpUrl, session.code, { nickname: 'Ada' });
    student.room.onMessage('tableDebrief', () => {
      throw new Error('a student was sent a table debrief');
    });
    await until(() => host.state.students.size === 1, 'the host to see the student');
    host.send('start');
    const table = await student.sitDown();
    // The student may be seated before the host's copy of the class state lists the table.
    await until(() => host.state.tables.length > 0, 'the host to see the table');
    const code = [...host.state.tables.values()][0]!.code;

    host.send('tableDebrief', { tableNumber: 1 });
    await until(() => host.rejections.length === 1, 'the refusal mid-round');
    expect(host.rejections[0]).toMatchObject({ request: 'tableDebrief', code: 'NO_DEBRIEF' });

    await playTables(server, [{ code, players: [table] }]);
    await until(() => host.state.status === 'finished', 'the class to see the round over', 20_000);
    host.send('tableDebrief', { tableNumber: 2 });
    student.send('tableDebrief', { tableNumber: 1 });
    host.send('tableDebrief', { tableNumber: 1 });
    await until(() => debriefs.length === 1, 'the table debrief');
    expect(host.rejections.map((r) => r.code)).toEqual(['NO_DEBRIEF', 'UNKNOWN_TABLE']);
    await until(() => student.rejections.length === 1, 'the student’s refusal');
    expect(student.rejections[0]!.code).toBe('NOT_HOST');

    const [{ tableNumber, round, view }] = debriefs as [ServerToClientTableDebrief];
    expect([tableNumber, round]).toEqual([1, 1]);
    expect(view.viewer).toBe('spectator');
    expect(view.scenario.id).toBe('tampered-record');
    expect(view.debrief!.capture.keyLog.map((l) => l.split(' ')[0])).toContain('CLIENT_TRAFFIC_SECRET_0');
    // What the dashboard builds from it: a pcapng section that opens with the key log.
    const capture = roundPcapng(view);
    expect([...capture.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
  }, 90_000);
});
