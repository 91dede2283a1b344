/**
 * A class competition on a real server: 12 students over 3 tables play 4 rounds from their own sockets;
 * roles rotate so each plays each role; the leaderboard, the results and the CSV equal the sum of the
 * rounds' score events; students cannot use host actions.
 */
import { ROLES, type Role, type TableState } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClassMember,
  connectHost,
  createClass,
  joinClass,
  parseCsv,
  playTables,
  results,
  resultsCsv,
  type Student,
  startClassServer,
} from './classHelpers.ts';
import { latestRound, pause, type TestServer, until } from './helpers.ts';

const PLAYLIST = ['happy-path', 'self-signed', 'tampered-record', 'impostor-request'];

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer();
});
afterAll(() => server.close());

describe('a four-round class competition', () => {
  let host: ClassMember;
  let students: Student[];
  let session: { code: string; sessionId: string; hostKey: string };
  /** For each round: per table code, who (nickname) sat in which role, and the table's final engine state. */
  const played: { round: number; seats: Record<Role, string>; final: TableState }[] = [];

  it('12 students join, see the roster live, are split into 3 tables and play 4 rounds', async () => {
    session = await createClass(server.httpUrl, { playlist: PLAYLIST, rounds: 4, stepSeconds: null });
    host = await connectHost(server.httpUrl, session.code, session.hostKey);
    students = [];
    for (let i = 1; i <= 12; i++) {
      students.push(await joinClass(server.httpUrl, session.code, { nickname: `Student ${i}` }));
    }
    await until(
      () => host.state.students.size === 12 && [...host.state.students.values()].every((s) => s.connected),
      'the host to see 12 students',
    );
    expect(host.state.status).toBe('lobby');
    expect(host.state.joinOpen).toBe(true);

    host.send('start');
    await Promise.all(students.map((s) => s.sitDown()));
    await until(() => host.state.tables.length === 3, 'three tables on the dashboard');
    const tableCodes = [...host.state.tables.values()].map((t) => t.code);
    for (const s of students) expect(tableCodes).toContain(s.seats[0]!.tableCode);

    for (let round = 1; round <= 4; round++) {
      if (round > 1) host.send('nextRound');
      await until(
        () => students.every((s) => s.table!.room.state.round === round && s.table!.role !== null),
        `round ${round} to start at every table`,
        20_000,
      );
      const tables = tableCodes.map((code) => students.filter((s) => s.seats[0]!.tableCode === code));
      for (const group of tables) {
        // Each student is seated (no bot plays for anyone present) in a role of their own.
        const seats = group[0]!.table!.room.state.seats;
        for (const seat of seats.values()) expect(seat.bot).toBe(false);
        expect(new Set(group.map((s) => s.table!.role)).size).toBe(4);
      }
      await playTables(
        server,
        tableCodes.map((code, i) => ({ code, players: tables[i]!.map((s) => s.table!) })),
      );
      for (const [i, code] of tableCodes.entries()) {
        const seats = Object.fromEntries(tables[i]!.map((s) => [s.table!.role, s.joined.nickname])) as Record<
          Role,
          string
        >;
        played.push({ round, seats, final: latestRound(server, code)! });
      }
      await until(
        () => host.state.status === (round === 4 ? 'finished' : 'between-rounds'),
        `the class to see round ${round} over`,
        20_000,
      );
    }
    for (const s of students) expect(s.table!.rejections).toEqual([]);
  }, 120_000);

  it('each student played each role once', () => {
    for (const s of students) {
      const roles = played.filter((p) => Object.values(p.seats).includes(s.joined.nickname));
      expect(roles).toHaveLength(4);
      const mine = roles.map((p) => ROLES.find((r) => p.seats[r] === s.joined.nickname));
      expect(new Set(mine)).toEqual(new Set(ROLES));
    }
  });

  /** Each student's points: the sum of their role's score events in each round's final state. */
  function expectedPoints(): Map<string, number> {
    const totals = new Map<string, number>();
    for (const { seats, final } of played) {
      expect(final.phase).toBe('debrief');
      for (const event of final.scores) {
        const nickname = seats[event.role];
        totals.set(nickname, (totals.get(nickname) ?? 0) + event.points);
      }
    }
    return totals;
  }

  it('the live leaderboard equals the sum of the round events, with per-role points and ranks', async () => {
    const expected = expectedPoints();
    await until(
      () => [...host.state.students.values()].every((s) => s.total === (expected.get(s.nickname) ?? 0)),
      'the leaderboard to settle',
    );
    const board = [...host.state.students.values()].sort((a, b) => a.rank - b.rank);
    for (const [i, entry] of board.entries()) {
      const roleSum = ROLES.reduce((sum, r) => sum + (entry.pointsByRole.get(r) ?? 0), 0);
      expect(roleSum).toBe(entry.total);
      expect(entry.roundsPlayed).toBe(4);
      if (i > 0) expect(entry.total).toBeLessThanOrEqual(board[i - 1]!.total);
    }
    // Students see the same leaderboard as the host.
    expect(students[5]!.state.students.get(board[0]!.id)?.total).toBe(board[0]!.total);
  });

  it('the stored results and the CSV hold one row per student per round matching the events', async () => {
    const expected = expectedPoints();
    const answer = await results(server.httpUrl, session.sessionId, session.hostKey);
    expect(answer.status).toBe(200);
    const { rows, leaderboard, summary } = answer.body;
    expect(rows).toHaveLength(48);
    for (const row of rows) {
      expect(row.status).toBe('finished');
      expect(row.scenarioId).toBe(PLAYLIST[row.round - 1]);
      expect(row.misconception.length).toBeGreaterThan(3);
      const round = played.find((p) => p.round === row.round && p.seats[row.role] === row.nickname);
      expect(round, `round ${row.round} ${row.nickname} as ${row.role}`).toBeDefined();
      const events = round!.final.scores.filter((e) => e.role === row.role);
      expect(row.points).toBe(events.reduce((sum, e) => sum + e.points, 0));
      expect(row.events).toEqual(events.map(({ points, reason }) => ({ points, reason })));
    }
    for (const entry of leaderboard) expect(entry.total).toBe(expected.get(entry.nickname) ?? 0);
    expect(summary).toHaveLength(12);

    const csv = parseCsv(await resultsCsv(server.httpUrl, session.sessionId, session.hostKey));
    expect(csv).toHaveLength(48);
    const csvTotals = new Map<string, number>();
    for (const line of csv) {
      csvTotals.set(line.nickname!, (csvTotals.get(line.nickname!) ?? 0) + Number(line.points));
      expect(line.misconception).toBe(rows.find((r) => r.round === Number(line.round))!.misconception);
      expect(line.outcome!.length).toBeGreaterThan(5);
    }
    expect(csvTotals).toEqual(expected);
  });

  it('a student cannot use host actions; nothing changes', async () => {
    const student = students[0]!;
    const before = host.state.students.size;
    for (const type of ['start', 'nextRound', 'pause', 'end', 'lock']) student.send(type, { locked: true });
    student.send('remove', { studentId: students[1]!.studentId });
    student.send('rename', { studentId: students[1]!.studentId, nickname: 'Hacked' });
    student.send('configure', { rounds: 9 });
    await until(() => student.rejections.length === 8, 'eight rejections');
    expect(new Set(student.rejections.map((r) => r.code))).toEqual(new Set(['NOT_HOST']));
    await pause(50);
    expect(host.state.students.size).toBe(before);
    expect(host.state.locked).toBe(false);
    expect(host.state.paused).toBe(false);
    expect(host.state.status).toBe('finished');
    expect(host.state.students.get(students[1]!.studentId)?.nickname).toBe('Student 2');
    expect(host.state.settings.rounds).toBe(4);
    // A student's table connection has no host powers over the class table either.
    student.table!.send('start');
    await until(() => student.table!.rejections.length === 1, 'the table rejection');
    expect(student.table!.rejections[0]?.code).toBe('CLASS_TABLE');
  });

  it('the host ends the session; everyone is told and the results stay', async () => {
    host.send('end');
    await until(() => students.every((s) => s.closeCode !== null), 'students to be disconnected');
    expect(students[0]!.closeCode).toBe(4203);
    const answer = await results(server.httpUrl, session.sessionId, session.hostKey);
    expect(answer.body.session.status).toBe('ended');
    expect(answer.body.rows).toHaveLength(48);
  });
});
