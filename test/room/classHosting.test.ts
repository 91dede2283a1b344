/**
 * Hosting a class on a real server with a teacher password: who may create and control a session, joining
 * by one code box, the roster (lock, remove, ban, rename, generated nicknames), settings and bad input,
 * tables with bots, extra time, pause and resume, coming back, latecomers, teams, listing and deletion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectHost,
  createClass,
  http,
  joinClass,
  playTables,
  results,
  type Student,
  startClassServer,
} from './classHelpers.ts';
import { createTable, latestRound, pause, requestJoin, type TestServer, until } from './helpers.ts';

const PASSWORD = 'correct horse battery staple';
const withPassword = { teacherPassword: PASSWORD };

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer({ classes: { teacherPassword: PASSWORD } });
});
afterAll(() => server.close());

async function hostedClass(settings: Record<string, unknown> = {}) {
  const session = await createClass(server.httpUrl, settings, withPassword);
  const host = await connectHost(server.httpUrl, session.code, session.hostKey);
  return { session, host };
}

async function students(code: string, count: number, prefix = 'Kid'): Promise<Student[]> {
  const out: Student[] = [];
  for (let i = 1; i <= count; i++) out.push(await joinClass(server.httpUrl, code, { nickname: `${prefix} ${i}` }));
  return out;
}

const errorCode = (answer: { body: { error?: { code: string } } }) => answer.body.error?.code;

describe('creating and controlling a session', () => {
  it('needs the teacher password; bad settings and bodies get a clear error', async () => {
    const url = `${server.httpUrl}/api/classes`;
    const none = await http(url, { body: {} });
    expect([none.status, errorCode(none)]).toEqual([401, 'PASSWORD_REQUIRED']);
    const wrong = await http(url, { body: { teacherPassword: 'guess' } });
    expect([wrong.status, errorCode(wrong)]).toEqual([403, 'WRONG_PASSWORD']);
    const badSettings = await http(url, { body: { ...withPassword, settings: { rounds: 99 } } });
    expect([badSettings.status, errorCode(badSettings)]).toEqual([400, 'INVALID_SETTINGS']);
    const badScenario = await http(url, { body: { ...withPassword, settings: { playlist: ['nope'] } } });
    expect([badScenario.status, errorCode(badScenario)]).toEqual([400, 'UNKNOWN_SCENARIO']);
    const badKey = await http(url, { body: { ...withPassword, hostKey: 'short' } });
    expect([badKey.status, errorCode(badKey)]).toEqual([400, 'MALFORMED_REQUEST']);
    const notJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    for (const answer of [none, wrong, badSettings, badScenario, badKey]) {
      expect(answer.body.error?.message.length).toBeGreaterThan(15);
    }
    const ok = await http<{ code: string; hostKey: string }>(url, { body: withPassword });
    expect(ok.status).toBe(201);
    expect(ok.body.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(ok.body.hostKey.length).toBeGreaterThanOrEqual(32);
  });

  it('only the session’s host key opens a host connection or its results', async () => {
    const { session } = await hostedClass();
    const other = await createClass(server.httpUrl, {}, withPassword);
    const url = `${server.httpUrl}/api/classes/${session.code}/host`;
    const missing = await http(url, { method: 'POST' });
    expect([missing.status, errorCode(missing)]).toEqual([401, 'HOST_KEY_REQUIRED']);
    const wrong = await http(url, { method: 'POST', headers: { 'x-host-key': other.hostKey } });
    expect([wrong.status, errorCode(wrong)]).toEqual([403, 'NOT_HOST']);
    const theirs = await results(server.httpUrl, session.sessionId, other.hostKey, {
      'x-teacher-password': PASSWORD,
    });
    expect([theirs.status, errorCode(theirs)]).toEqual([403, 'NOT_HOST']);
    const noPassword = await results(server.httpUrl, session.sessionId, session.hostKey);
    expect([noPassword.status, errorCode(noPassword)]).toEqual([401, 'PASSWORD_REQUIRED']);
    const unknown = await results(server.httpUrl, 'no-such-session', session.hostKey, {
      'x-teacher-password': PASSWORD,
    });
    expect([unknown.status, errorCode(unknown)]).toEqual([404, 'NO_SUCH_SESSION']);
  });
});

describe('one code box for classes and tables', () => {
  it('answers what a code is, with the reservation; unknown codes get NO_SUCH_CODE', async () => {
    const { session } = await hostedClass();
    const table = await createTable(server.httpUrl);
    const asClass = await http<{ kind: string }>(`${server.httpUrl}/api/join/${session.code.toLowerCase()}`, {
      body: { nickname: 'Ada' },
    });
    expect(asClass.status).toBe(200);
    expect(asClass.body).toMatchObject({ kind: 'class', code: session.code, nickname: 'Ada' });
    const asTable = await http<{ kind: string }>(`${server.httpUrl}/api/join/${table.code}`, {
      body: { nickname: 'Ada', spectate: true },
    });
    expect(asTable.status).toBe(200);
    expect(asTable.body).toMatchObject({ kind: 'table', code: table.code });
    expect(asTable.body).toHaveProperty('reservation');
    for (const code of ['ZZZZZZ', 'not-a-code', '%00']) {
      const answer = await http(`${server.httpUrl}/api/join/${encodeURIComponent(code)}`, { body: { nickname: 'A' } });
      expect([answer.status, errorCode(answer)]).toEqual([404, 'NO_SUCH_CODE']);
    }
    // The table route still works, and a class code is not a table there.
    expect((await requestJoin(server.httpUrl, table.code, { nickname: 'Bo', spectate: true })).status).toBe(200);
    expect((await requestJoin(server.httpUrl, session.code, { nickname: 'Bo' })).status).toBe(404);
  });
});

describe('the roster', () => {
  it('shows students live; lock keeps newcomers out but lets the class’s own students back in', async () => {
    const { session, host } = await hostedClass();
    const [ada, bo] = await students(session.code, 2);
    await until(() => host.state.students.size === 2, 'two students on the roster');
    host.send('lock', { locked: true });
    await until(() => host.state.locked && !host.state.joinOpen, 'the lock');
    const newcomer = await http(`${server.httpUrl}/api/join/${session.code}`, { body: { nickname: 'New' } });
    expect([newcomer.status, errorCode(newcomer)]).toEqual([403, 'SESSION_LOCKED']);
    await ada!.room.leave(true);
    await until(() => host.state.students.get(ada!.studentId)?.connected === false, 'Ada to show as gone');
    const back = await joinClass(server.httpUrl, session.code, { studentKey: ada!.joined.studentKey });
    expect(back.studentId).toBe(ada!.studentId);
    expect(back.joined.nickname).toBe('Kid 1');
    await until(() => host.state.students.get(ada!.studentId)?.connected === true, 'Ada back');
    expect(host.state.students.size).toBe(2);
    host.send('lock', { locked: 'maybe' });
    await until(() => host.rejections.length === 1, 'the rejection');
    expect(host.rejections[0]?.code).toBe('MALFORMED_REQUEST');
    expect(host.state.locked).toBe(true);
    await bo!.room.leave(true);
  });

  it('renames; removes (who may rejoin) and bans (who may not)', async () => {
    const { session, host } = await hostedClass();
    const [ann, ben, cat] = await students(session.code, 3);
    await until(() => host.state.students.size === 3, 'three students');

    host.send('rename', { studentId: ann!.studentId, nickname: '  Annie  ' });
    await until(() => ann!.state.students.get(ann!.studentId)?.nickname === 'Annie', 'the new name everywhere');
    host.send('rename', { studentId: ann!.studentId, nickname: 'Kid 2' });
    host.send('rename', { studentId: 'nobody', nickname: 'X' });
    await until(() => host.rejections.length === 2, 'two rejections');
    expect(host.rejections.map((r) => r.code)).toEqual(['NICKNAME_TAKEN', 'UNKNOWN_STUDENT']);

    host.send('remove', { studentId: ben!.studentId });
    await until(() => ben!.closeCode !== null, 'Ben to be removed');
    expect(ben!.closeCode).toBe(4201);
    await until(() => !host.state.students.has(ben!.studentId), 'Ben off the roster');
    const benAgain = await joinClass(server.httpUrl, session.code, { nickname: 'Kid 2' });
    await until(() => host.state.students.has(benAgain.studentId), 'Ben back');

    host.send('ban', { studentId: cat!.studentId });
    await until(() => cat!.closeCode !== null, 'Cat to be banned');
    expect(cat!.closeCode).toBe(4202);
    const byKey = await http(`${server.httpUrl}/api/join/${session.code}`, {
      body: { studentKey: cat!.joined.studentKey },
    });
    expect([byKey.status, errorCode(byKey)]).toEqual([403, 'BANNED']);
    const byName = await http(`${server.httpUrl}/api/join/${session.code}`, { body: { nickname: 'kid 3' } });
    expect([byName.status, errorCode(byName)]).toEqual([403, 'BANNED']);
    await until(() => !host.state.students.has(cat!.studentId), 'Cat off the roster');
    expect([...host.state.students.values()].map((s) => s.nickname).sort()).toEqual(['Annie', 'Kid 2']);
  });

  it('gives generated nicknames when the class prefers them; nickname rules hold otherwise', async () => {
    const { session } = await hostedClass({ generatedNicknames: true });
    const one = await joinClass(server.httpUrl, session.code, {});
    const two = await joinClass(server.httpUrl, session.code, { nickname: 'Ignored' });
    for (const s of [one, two]) expect(s.joined.nickname).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/);
    expect(one.joined.nickname).not.toBe(two.joined.nickname);
    const plain = await hostedClass();
    const missing = await http(`${server.httpUrl}/api/join/${plain.session.code}`, { body: {} });
    expect([missing.status, errorCode(missing)]).toEqual([400, 'NICKNAME_MISSING']);
    await joinClass(server.httpUrl, plain.session.code, { nickname: 'Same' });
    const taken = await http(`${server.httpUrl}/api/join/${plain.session.code}`, { body: { nickname: 'SAME' } });
    expect([taken.status, errorCode(taken)]).toEqual([409, 'NICKNAME_TAKEN']);
  });
});

describe('settings and the competition’s controls', () => {
  it('refuses bad settings and out-of-order controls with a reason; nothing changes', async () => {
    const { host } = await hostedClass();
    host.send('configure', { rounds: 0 });
    host.send('configure', { playlist: ['happy-path', 'unknown'] });
    host.send('setTimeAllowance', { studentId: 'x', allowance: 3 });
    host.send('nextRound');
    host.send('pause');
    host.send('start');
    host.send('selfDestruct');
    await until(() => host.rejections.length === 7, 'seven rejections');
    expect(host.rejections.map((r) => r.code)).toEqual([
      'INVALID_SETTINGS',
      'UNKNOWN_SCENARIO',
      'UNKNOWN_STUDENT',
      'NOT_STARTED',
      'NOT_STARTED',
      'NO_STUDENTS',
      'UNKNOWN_MESSAGE',
    ]);
    for (const r of host.rejections) expect(r.message.length).toBeGreaterThan(10);
    expect(host.state.settings.rounds).toBe(4);
    host.send('configure', { rounds: 2, playlist: ['self-signed'], teams: 2, speedPoints: true });
    await until(() => host.state.settings.rounds === 2, 'the new settings');
    expect([...host.state.settings.playlist]).toEqual(['self-signed']);
    expect(host.state.settings.speedPoints).toBe(true);
  });

  it('splits students into tables with bots filling gaps, or tables of four without bots', async () => {
    const withBots = await hostedClass({ tableSize: 3 });
    const six = await students(withBots.session.code, 6);
    withBots.host.send('start');
    await Promise.all(six.map((s) => s.sitDown()));
    const seated = (host: typeof withBots.host) =>
      [...host.state.tables.values()].map((t) => [...t.seating.values()].filter((id) => id !== '').length);
    // Three students and one bot at each of two tables.
    await until(() => seated(withBots.host).join() === '3,3', 'two tables of three students');
    const noBots = await hostedClass({ bots: false });
    const more = await students(noBots.session.code, 6);
    noBots.host.send('start');
    await Promise.all(more.map((s) => s.sitDown()));
    await until(() => seated(noBots.host).join() === '4,2', 'a table of four and one of two');
    for (const host of [withBots.host, noBots.host]) host.send('end');
  });

  it('pause stops every table’s clock and refuses moves; resume carries on', async () => {
    const { host, session } = await hostedClass({ stepSeconds: 0.05, tableSize: 1 });
    const [solo] = await students(session.code, 1);
    host.send('start');
    const table = await solo!.sitDown();
    await until(() => (latestRound(server, table.room.roomId)?.version ?? 0) > 3, 'the round to move');
    host.send('pause');
    await until(() => table.room.state.paused, 'the table to pause');
    const code = table.room.roomId;
    const frozen = latestRound(server, code)!;
    await pause(400);
    expect(latestRound(server, code)).toBe(frozen);
    expect(table.room.state.stepDeadline).toBe(0);
    table.send('move', { version: frozen.version, move: { type: 'skipCertificate' } });
    await until(() => table.rejections.length === 1, 'the rejection');
    expect(table.rejections[0]?.code).toBe('PAUSED');
    host.send('pause');
    await until(() => host.rejections.length === 1, 'the second pause refused');
    expect(host.rejections[0]?.code).toBe('ALREADY_PAUSED');
    host.send('resume');
    await until(() => host.state.status === 'between-rounds', 'the round to finish after resuming', 15_000);
    expect(host.state.paused).toBe(false);
    host.send('end');
  });

  it('honours a student’s extra time: unlimited waits for them while the others’ steps time out', async () => {
    const { host, session } = await hostedClass({ stepSeconds: 0.05, tableSize: 1, playlist: ['happy-path'] });
    const [slow] = await students(session.code, 1);
    host.send('setTimeAllowance', { studentId: slow!.studentId, allowance: 'unlimited' });
    await until(() => host.state.students.get(slow!.studentId)?.timeAllowance === 'unlimited', 'the allowance');
    host.send('start');
    const table = await slow!.sitDown();
    const code = table.room.roomId;
    // Round 1 puts the student in the client's seat: the bots play the certificate steps, then wait for them.
    await until(() => latestRound(server, code)?.awaiting.includes('client') ?? false, 'the client’s turn', 10_000);
    const waiting = latestRound(server, code)!;
    await pause(400);
    expect(latestRound(server, code)).toBe(waiting);
    expect(table.room.state.stepDeadline).toBe(0);
    expect(table.room.state.seats.get('client')?.stepDeadline).toBe(0);
    host.send('setTimeAllowance', { studentId: slow!.studentId, allowance: 2 });
    await playTables(server, [{ code, players: [table] }]);
    host.send('end');
  });
});

describe('coming back, latecomers, teams', () => {
  it('a student who reloads joins again with their key and resumes in their seat', async () => {
    const { host, session } = await hostedClass({ tableSize: 2 });
    const [stay, reload] = await students(session.code, 2);
    host.send('start');
    await Promise.all([stay!.sitDown(), reload!.sitDown()]);
    const role = reload!.table!.role;
    expect(role).not.toBeNull();
    const code = reload!.seats[0]!.tableCode;
    // A reload: a new class connection with the stored key; the old connections are let go.
    const again = await joinClass(server.httpUrl, session.code, { studentKey: reload!.joined.studentKey });
    expect(again.studentId).toBe(reload!.studentId);
    const table = await again.sitDown();
    expect(again.seats.at(-1)?.tableCode).toBe(code);
    await until(() => table.role === role, 'the same seat');
    await until(() => reload!.closeCode !== null, 'the old class connection to close');
    expect(table.room.state.seats.get(role!)?.bot).toBe(false);
    await playTables(server, [{ code, players: [stay!.table!, table] }]);
    expect(table.rejections).toEqual([]);
    host.send('end');
  });

  it('a table stays open while its students are away, and requestSeat gets them back in', async () => {
    const { host, session } = await hostedClass({ tableSize: 1, playlist: ['happy-path'] });
    const [away] = await students(session.code, 1);
    host.send('start');
    const table = await away!.sitDown();
    await table.leave();
    await pause(1_500); // longer than an empty room's auto-dispose delay
    away!.send('requestSeat');
    await until(() => away!.seats.length === 2, 'a second seat');
    const back = await away!.sitDown();
    expect(back.room.roomId).toBe(away!.seats[0]!.tableCode);
    await playTables(server, [{ code: back.room.roomId, players: [back] }]);
    host.send('requestSeat');
    await until(() => host.rejections.length === 1, 'the host refused a seat');
    expect(host.rejections[0]?.code).toBe('NOT_A_STUDENT');
    host.send('end');
  });

  it('a latecomer gets a place and plays from the next round; teams total their members', async () => {
    const { host, session } = await hostedClass({ tableSize: 2, teams: 2, playlist: ['happy-path'] });
    const first = await students(session.code, 2);
    host.send('start');
    await Promise.all(first.map((s) => s.sitDown()));
    const late = await joinClass(server.httpUrl, session.code, { nickname: 'Late' });
    await late.sitDown();
    await until(() => host.state.tables.length === 2, 'a second table for the latecomer');
    await until(() => host.state.students.get(late.studentId)?.table === 2, 'the latecomer placed');
    expect(late.table!.role).toBeNull();
    const code1 = first[0]!.table!.room.roomId;
    await playTables(server, [{ code: code1, players: first.map((s) => s.table!) }]);
    await until(() => host.state.status === 'between-rounds', 'round 1 over', 10_000);
    host.send('nextRound');
    await until(() => late.table!.role !== null, 'the latecomer seated in round 2');
    const teams = [...host.state.teams.values()];
    expect(teams.map((t) => t.name).sort()).toEqual(['Blue', 'Red']);
    const teamsAddUp = () =>
      [...host.state.teams.values()].every(
        (team) =>
          team.total ===
          [...host.state.students.values()].filter((m) => m.team === team.name).reduce((sum, m) => sum + m.total, 0),
      );
    expect(teamsAddUp()).toBe(true);
    // The host moves a student to the other team; totals follow. A team that does not exist is refused.
    const mover = host.state.students.get(first[0]!.studentId)!;
    const otherTeam = mover.team === 'Red' ? 'Blue' : 'Red';
    host.send('setTeam', { studentId: mover.id, team: otherTeam });
    host.send('setTeam', { studentId: mover.id, team: 'Plaid' });
    await until(() => host.state.students.get(mover.id)?.team === otherTeam, 'the team change');
    await until(() => host.rejections.length === 1, 'the refusal');
    expect(host.rejections[0]?.code).toBe('UNKNOWN_TEAM');
    expect(teamsAddUp()).toBe(true);
    // A rename reaches the student's seat at their table too.
    host.send('rename', { studentId: late.studentId, nickname: 'Later' });
    const role = late.table!.role!;
    await until(() => late.table!.room.state.seats.get(role)?.nickname === 'Later', 'the new name at the table');
    host.send('end');
  });
});

describe('past sessions', () => {
  it('lists the sessions of a host key, with per-student summaries, and deletes one for good', async () => {
    const first = await hostedClass({ playlist: ['happy-path'], rounds: 1, tableSize: 1, speedPoints: true });
    const [kid] = await students(first.session.code, 1);
    first.host.send('start');
    const table = await kid!.sitDown();
    await playTables(server, [{ code: table.room.roomId, players: [table] }]);
    await until(() => first.host.state.status === 'finished', 'the only round over');
    const second = await createClass(server.httpUrl, {}, { ...withPassword, hostKey: first.session.hostKey });
    expect(second.hostKey).toBe(first.session.hostKey);
    const headers = { 'x-host-key': first.session.hostKey, 'x-teacher-password': PASSWORD };
    const listed = await http<{ sessions: { sessionId: string; status: string }[] }>(`${server.httpUrl}/api/classes`, {
      headers,
    });
    expect(listed.body.sessions.map((s) => s.sessionId)).toEqual([second.sessionId, first.session.sessionId]);
    const answer = await results(server.httpUrl, first.session.sessionId, first.session.hostKey, headers);
    expect(answer.body.summary[0]?.concepts[0]?.misconception).toBe('https-hides-destination');
    const [row] = answer.body.rows;
    expect(row?.nickname).toBe('Kid 1');
    // Speed points on: the student's moves were instant, so a positive score earns the full bonus.
    expect(row?.speedPoints).toBe(row!.points! > 0 ? 2 : 0);
    expect(answer.body.leaderboard[0]?.total).toBe(row!.points! + row!.speedPoints!);
    expect(first.host.state.students.get(kid!.studentId)?.total).toBe(row!.points! + row!.speedPoints!);

    const removed = await http(`${server.httpUrl}/api/classes/${first.session.sessionId}`, {
      method: 'DELETE',
      headers,
    });
    expect(removed.status).toBe(204);
    await until(() => kid!.closeCode !== null, 'the live session to end');
    const gone = await results(server.httpUrl, first.session.sessionId, first.session.hostKey, headers);
    expect([gone.status, errorCode(gone)]).toEqual([404, 'NO_SUCH_SESSION']);
    const after = await http<{ sessions: { sessionId: string }[] }>(`${server.httpUrl}/api/classes`, { headers });
    expect(after.body.sessions.map((s) => s.sessionId)).toEqual([second.sessionId]);
  });
});
