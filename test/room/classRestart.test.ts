/**
 * Classes survive a crash: the real server runs in a child process with a temp database; a 12-student class
 * plays two rounds (idle students' steps time out quickly), the server is killed with SIGKILL during round 3,
 * and a new server on the same database keeps rounds 1–2, shows round 3 as interrupted, and resumes the
 * session with the same code: the teacher and the students (by their keys, to their identity and points)
 * come back and round 4 is played on the one leaderboard. A graceful stop (SIGTERM) resumes too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ClassMember,
  connectHost,
  createClass,
  http,
  joinClass,
  parseCsv,
  results,
  resultsCsv,
  type Student,
  tempDatabasePath,
} from './classHelpers.ts';
import { until } from './helpers.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('./classServerProcess.ts', import.meta.url));
const TEST_DIR = fileURLToPath(new URL('.', import.meta.url));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the server process and waits until it answers /health. */
async function startServerProcess(databasePath: string): Promise<{ child: ChildProcess; httpUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
    cwd: TEST_DIR,
    env: { ...process.env, PORT: String(port), HANDSHAKE_DB: databasePath, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`the server process did not start: ${output}`);
    try {
      if ((await fetch(`${httpUrl}/health`)).ok) return { child, httpUrl };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a server killed mid-round', () => {
  it('keeps the finished rounds and marks the interrupted one after a restart', async () => {
    const databasePath = tempDatabasePath();
    const first = await startServerProcess(databasePath);
    const session = await createClass(first.httpUrl, {
      playlist: ['happy-path', 'tampered-record', 'self-signed', 'expired'],
      rounds: 4,
      stepSeconds: 0.05,
    });
    const host: ClassMember = await connectHost(first.httpUrl, session.code, session.hostKey);
    const students: Student[] = [];
    for (let i = 1; i <= 12; i++) {
      students.push(await joinClass(first.httpUrl, session.code, { nickname: `Pupil ${i}` }));
    }
    await until(() => host.state.students.size === 12, 'the roster');
    host.send('start');
    await Promise.all(students.map((s) => s.sitDown()));
    // Nobody moves: every step times out after 50 ms and the engine plays it for the idle student.
    await until(() => host.state.status === 'between-rounds' && host.state.round === 1, 'round 1 to finish', 40_000);
    host.send('nextRound');
    await until(() => host.state.status === 'between-rounds' && host.state.round === 2, 'round 2 to finish', 40_000);
    // Round 3 gets a long step, so that it is surely mid-round when the process dies.
    host.send('configure', { stepSeconds: 60 });
    host.send('nextRound');
    await until(
      () =>
        host.state.round === 3 && [...host.state.tables.values()].every((t) => t.round === 3 && t.phase !== 'debrief'),
      'round 3 to be under way at every table',
      20_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startServerProcess(databasePath);
    const answer = await results(second.httpUrl, session.sessionId, session.hostKey);
    expect(answer.status).toBe(200);
    const { session: listing, rows, leaderboard } = answer.body;
    // The session resumed: same code, live again, rounds 1–2 kept, round 3 marked interrupted.
    expect(listing.status).toBe('live');
    expect(listing.roundsFinished).toBe(2);
    expect(rows).toHaveLength(36);
    for (const row of rows) {
      if (row.round <= 2) {
        expect(row.status).toBe('finished');
        expect(typeof row.points).toBe('number');
      } else {
        expect(row.status).toBe('interrupted');
        expect(row.points).toBeNull();
        expect(row.outcome).toBe('Interrupted before the debrief');
      }
    }
    // The leaderboard after the restart counts rounds 1–2 exactly.
    const sums = new Map<string, number>();
    for (const row of rows)
      sums.set(row.nickname, (sums.get(row.nickname) ?? 0) + (row.points ?? 0) + (row.speedPoints ?? 0));
    for (const entry of leaderboard) expect(entry.total).toBe(sums.get(entry.nickname));
    const csv = parseCsv(await resultsCsv(second.httpUrl, session.sessionId, session.hostKey));
    expect(csv.filter((r) => r.status === 'interrupted').map((r) => r.round)).toEqual(Array(12).fill('3'));
    expect(csv.filter((r) => r.status === 'finished')).toHaveLength(24);
    const listed = await http<{ sessions: { sessionId: string }[] }>(`${second.httpUrl}/api/classes`, {
      headers: { 'x-host-key': session.hostKey },
    });
    expect(listed.body.sessions.map((s) => s.sessionId)).toEqual([session.sessionId]);

    // The same code works: the teacher's dashboard and every student come back, students by their key to
    // their identity and points.
    const resumedHost = await connectHost(second.httpUrl, session.code, session.hostKey);
    expect(resumedHost.state.round).toBe(3);
    expect(resumedHost.state.status).toBe('between-rounds');
    await until(() => resumedHost.state.tables.length === 3, 'the tables to open again', 20_000);
    expect([...resumedHost.state.tables.values()].every((t) => t.phase === 'interrupted')).toBe(true);
    const back: Student[] = [];
    for (const s of students)
      back.push(await joinClass(second.httpUrl, session.code, { studentKey: s.joined.studentKey }));
    for (const [i, s] of back.entries()) {
      expect(s.studentId).toBe(students[i]!.studentId);
      expect(s.joined.nickname).toBe(students[i]!.joined.nickname);
      expect(resumedHost.state.students.get(s.studentId)?.total).toBe(sums.get(s.joined.nickname));
    }
    // The next round starts and is played to its debrief on the one leaderboard.
    resumedHost.send('configure', { stepSeconds: 0.05 });
    resumedHost.send('nextRound');
    await until(() => resumedHost.state.status === 'playing', 'round 4 to start', 20_000);
    // As a browser does when it holds no table connection: ask for the seat (the offer made on re-joining may
    // have come before this test's handler was listening).
    for (const s of back) s.send('requestSeat');
    await Promise.all(back.map((s) => s.sitDown()));
    await until(
      () => resumedHost.state.status === 'finished' && resumedHost.state.round === 4,
      'round 4 to finish',
      40_000,
    );
    expect(resumedHost.rejections).toEqual([]);
    const final = await results(second.httpUrl, session.sessionId, session.hostKey);
    expect(final.body.rows).toHaveLength(48);
    expect(final.body.rows.filter((r) => r.round === 4).every((r) => r.status === 'finished')).toBe(true);
    for (const entry of final.body.leaderboard) {
      const total = final.body.rows
        .filter((r) => r.nickname === entry.nickname)
        .reduce((sum, r) => sum + (r.points ?? 0) + (r.speedPoints ?? 0), 0);
      expect(entry.total).toBe(total);
    }

    // A graceful stop (SIGTERM) with a class live: the next server lists that session as interrupted too.
    const live = await createClass(second.httpUrl, {}, { hostKey: session.hostKey });
    await joinClass(second.httpUrl, live.code, { nickname: 'Stayed' });
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    const third = await startServerProcess(databasePath);
    const after = await http<{ sessions: { sessionId: string; status: string; students: number }[] }>(
      `${third.httpUrl}/api/classes`,
      { headers: { 'x-host-key': session.hostKey } },
    );
    // Stopped by the server, not ended by the host: both sessions resumed.
    expect(after.body.sessions).toMatchObject([
      { sessionId: live.sessionId, status: 'live', students: 1 },
      { sessionId: session.sessionId, status: 'live' },
    ]);
    third.child.kill('SIGTERM');
  }, 120_000);
});
