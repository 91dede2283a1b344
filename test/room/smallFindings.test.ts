/**
 * The smaller findings: an attacker's object where a role or scenario belongs is answered, not a server
 * error; frames Colyseus would drop silently are answered; table routes take bodies of 4 KB at most; a player who drops on their turn has it played after the
 * dropped-step limit while their seat still waits for them; an idle student is not credited with the points
 * of the bot that played their timed-out steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHost, createClass, joinClass, results, startClassServer } from './classHelpers.ts';
import {
  createTable,
  dropConnection,
  joinTable,
  latestRound,
  playRound,
  requestJoin,
  type TestServer,
  until,
} from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer({ table: { stepTimeLimitMs: 60_000, droppedStepLimitMs: 200 } });
});
afterAll(() => server.close());

describe('hostile values', () => {
  it('an object with its own toString as a role or a scenario is refused with a sentence', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    host.send('pickRole', { role: { toString: 1 } });
    host.send('configure', { scenarioId: { toString: 1, valueOf: 2 }, mode: 'tls13' });
    await until(() => host.rejections.length === 2, 'both answers');
    // The shared protocol's schemas refuse both at the boundary, before any handler could call String() on them.
    expect(host.rejections.map((r) => [r.request, r.code])).toEqual([
      ['pickRole', 'MALFORMED_REQUEST'],
      ['configure', 'MALFORMED_REQUEST'],
    ]);
    expect(host.rejections.map((r) => /role|scenarioId/.test(r.message))).toEqual([true, true]);
  });

  it('frames of a kind the table does not read are answered, not dropped without a word', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const socket = (host.room.connection.transport as unknown as { ws: { send: (bytes: Uint8Array) => void } }).ws;
    const INPUT_RELIABLE = 19;
    const UNKNOWN_KIND = 30;
    for (const frame of [[INPUT_RELIABLE, 1, 2], [UNKNOWN_KIND], []]) socket.send(new Uint8Array(frame));
    await until(() => host.rejections.filter((r) => r.request === 'frame').length === 3, 'three answers');
    expect(host.rejections.every((r) => r.code === 'UNKNOWN_MESSAGE' && r.message.length > 0)).toBe(true);
    expect(host.room.connection.isOpen).toBe(true);
  });

  it('a join body over 4 KB is refused as malformed', async () => {
    const { code } = await createTable(server.httpUrl);
    const response = await requestJoin(server.httpUrl, code, { nickname: 'Big', padding: 'x'.repeat(6_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_REQUEST');
  });
});

describe('a player who drops on their turn', () => {
  it('has the step played for them after the dropped-step limit, while the seat waits for them', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const student = await joinTable(server.httpUrl, code, { nickname: 'Stu', role: 'server' });
    await until(() => host.room.state.seats.get('server')?.sessionId === student.sessionId, 'the student seated');
    host.send('start');
    await until(() => latestRound(server, code) !== undefined, 'the round');
    await playRound(server, code, [host], (round) => round.awaiting.includes('server'));
    const before = latestRound(server, code)!.version;
    dropConnection(student, false);
    await until(
      () => latestRound(server, code)!.history.some((m) => m.role === 'server' && m.version >= before),
      'the dropped player’s step to be played',
    );
    expect(host.room.state.seats.get('server')).toMatchObject({ sessionId: student.sessionId, bot: false });
  });
});

describe('an idle class student', () => {
  it('gets no points for the steps a bot played for them', async () => {
    const session = await createClass(server.httpUrl, { playlist: ['happy-path'], rounds: 1, stepSeconds: 0.05 });
    const host = await connectHost(server.httpUrl, session.code, session.hostKey);
    const students = [];
    for (let i = 0; i < 4; i++) students.push(await joinClass(server.httpUrl, session.code, { nickname: `Idle ${i}` }));
    await until(() => host.state.students.size === 4, 'the roster');
    host.send('start');
    await Promise.all(students.map((s) => s.sitDown()));
    await until(() => host.state.status === 'finished', 'the round to finish', 30_000);
    const { rows } = (await results(server.httpUrl, session.sessionId, session.hostKey)).body;
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.played).toBe(true);
      expect(row.points).toBe(0);
    }
  });
});
