/**
 * Reservations that cost something: joins that never connect hold a place only briefly and show on the
 * teacher's roster meanwhile; the teacher caps and approves joins; one student key holds one place however
 * often it re-joins; a connection cut off for flooding frees its place at once; `requestSeat` spam does not
 * make other students' seat offers fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClassMember, connectHost, createClass, http, joinClass, startClassServer } from './classHelpers.ts';
import { createTable, joinTable, requestJoin, type TestServer, until } from './helpers.ts';

const RESERVATION_SECONDS = 3;
const CLOSE_REPLACED = 4204;

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer({
    table: { seatReservationSeconds: RESERVATION_SECONDS, maxSpectators: 1, maxMessagesPerSecond: 10 },
  });
});
afterAll(() => server.close());

const join = (code: string, body: Record<string, unknown>) => http(`${server.httpUrl}/api/join/${code}`, { body });

async function classWithHost(): Promise<{ code: string; host: ClassMember }> {
  const session = await createClass(server.httpUrl, { stepSeconds: null });
  return { code: session.code, host: await connectHost(server.httpUrl, session.code, session.hostKey) };
}

describe('a table', () => {
  it('still seats a real player while nine joins that never connect wait', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    for (let i = 0; i < 9; i++) {
      const squat = await requestJoin(server.httpUrl, code, { nickname: `Squat ${i}` });
      expect(squat.status).toBe(200);
    }
    const player = await joinTable(server.httpUrl, code, { nickname: 'Real', role: 'server' });
    expect(player.role).toBe('server');
  });

  it('frees the place of a connection cut off for flooding at once', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey, role: 'client' });
    const flooder = await joinTable(server.httpUrl, code, { nickname: 'Flood', spectate: true });
    flooder.room.reconnection.enabled = false;
    await until(() => host.room.state.spectators.has(flooder.sessionId), 'the host to see the flooder');
    for (let i = 0; i < 100 && flooder.room.connection.isOpen; i++) flooder.send('pickRole', { role: null });
    await until(() => host.room.state.spectators.size === 0, 'the flooder’s spectator place to free');
    const watcher = await joinTable(server.httpUrl, code, { nickname: 'Watcher', spectate: true });
    await until(() => host.room.state.spectators.has(watcher.sessionId), 'the watcher to take the place');
  });
});

describe('a class', () => {
  it('shows joins that never connect on the roster, lets the teacher remove them, and frees their places', async () => {
    const { code, host } = await classWithHost();
    const phantoms = await Promise.all(Array.from({ length: 60 }, (_, i) => join(code, { nickname: `Phantom ${i}` })));
    expect(phantoms.every((p) => p.status === 200)).toBe(true);
    await until(() => host.state.students.size === 60, 'the teacher to see 60 joining students');
    expect([...host.state.students.values()].every((s) => !s.arrived && !s.connected)).toBe(true);

    const first = (phantoms[0]!.body as { studentId: string }).studentId;
    host.send('remove', { studentId: first });
    await until(() => !host.state.students.has(first), 'the teacher to remove a phantom');

    await until(() => host.state.students.size === 0, 'the phantoms’ places to free', 10_000);
    const real = await joinClass(server.httpUrl, code, { nickname: 'Real student' });
    await until(() => host.state.students.get(real.studentId)?.connected === true, 'the real student to arrive');
    expect(host.state.students.get(real.studentId)?.arrived).toBe(true);
  });

  it('takes at most the teacher’s cap, and lets in whom the teacher approves', async () => {
    const { code, host } = await classWithHost();
    host.send('admission', { maxStudents: 2, approveJoins: true });
    await until(() => host.state.maxStudents === 2 && host.state.approveJoins, 'the admission rules');
    const ana = await joinClass(server.httpUrl, code, { nickname: 'Ana' });
    const ben = await joinClass(server.httpUrl, code, { nickname: 'Ben' });
    const third = await join(code, { nickname: 'Cy' });
    expect(third.status).toBe(409);
    expect(third.body.error?.code).toBe('CLASS_FULL');

    await until(() => host.state.students.get(ana.studentId)?.pending === true, 'Ana to wait for approval');
    host.send('approve', { studentId: ana.studentId });
    await until(() => host.state.students.get(ana.studentId)?.pending === false, 'Ana to be let in');
    host.send('start');
    await ana.sitDown();
    expect(ben.seats).toEqual([]);
    host.send('approve', { studentId: ben.studentId });
    await ben.sitDown();
    host.send('approve', { studentId: ben.studentId });
    await until(() => host.rejections.some((r) => r.code === 'NOT_PENDING'), 'a second approval to be answered');
  });

  it('answers 78 re-joins with one key, keeps the teacher’s second screen working, and replaces the old connection', async () => {
    const session = await createClass(server.httpUrl, { stepSeconds: null });
    const first = await joinClass(server.httpUrl, session.code, { nickname: 'Dee' });
    const rejoins = [];
    for (let i = 0; i < 78; i++) rejoins.push(await join(session.code, { studentKey: first.joined.studentKey }));
    expect(rejoins.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(rejoins.every((r) => (r.body as { studentId: string }).studentId === first.studentId)).toBe(true);
    await connectHost(server.httpUrl, session.code, session.hostKey);
    await connectHost(server.httpUrl, session.code, session.hostKey);
    const again = await joinClass(server.httpUrl, session.code, { studentKey: first.joined.studentKey });
    await until(() => first.closeCode === CLOSE_REPLACED, 'the old connection to be replaced');
    expect(again.studentId).toBe(first.studentId);
    expect(again.rejections).toEqual([]);
  });

  it('keeps other students’ seat offers working while one spams requestSeat', async () => {
    const { code, host } = await classWithHost();
    const spammer = await joinClass(server.httpUrl, code, { nickname: 'Spam' });
    const other = await joinClass(server.httpUrl, code, { nickname: 'Other' });
    await until(() => host.state.students.size === 2, 'two students');
    host.send('start');
    await until(() => spammer.seats.length > 0 && other.seats.length > 0, 'both seats offered');
    for (let i = 0; i < 40; i++) spammer.send('requestSeat');
    other.send('requestSeat');
    await until(() => other.seats.length > 1, 'the other student’s seat offer');
    const table = await other.sitDown();
    expect(table.role).not.toBeNull();
    expect(other.rejections).toEqual([]);
  });
});
