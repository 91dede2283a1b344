/**
 * Where class results last: a SQLite file (better-sqlite3, WAL) holding sessions, students, rounds and each
 * student's result per round. Opening it applies the migrations and marks whatever was live as interrupted,
 * because a process that starts cannot be running a round it did not start.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type ClassSessionListing,
  type ClassSettings,
  INTERRUPTED_OUTCOME,
  type ProtocolMode,
  type ReportRow,
  type Role,
  reportRow,
  type StudentRoundResult,
} from '@handshake/shared';
import Sqlite from 'better-sqlite3';
import { secretHash } from '../rooms/hostKey.ts';
import { migrate } from './migrations.ts';

type SessionStatus = ClassSessionListing['status'];

/** The stored form of a host key: its SHA-256, so a copy of the database does not hand out control. */
export const hostKeyHash = secretHash;

/** A student as stored for resuming: who may come back (by key hash) and where they sit. */
export interface StoredStudent {
  studentId: string;
  keyHash: string | null;
  nickname: string;
  team: string | null;
  allowance: string;
  table: number | null;
  place: number | null;
  /** 0 on the roster, 1 removed, 2 banned. */
  leftRoster: number;
  joinedAt: number;
}

/** A session the server stopped (crash or shutdown) that may resume with its code. */
export interface ResumableSession {
  id: string;
  code: string;
  ownerKeyHash: string;
  settings: ClassSettings;
  round: number;
}

interface SessionRow {
  id: string;
  code: string;
  owner_key_hash: string;
  status: SessionStatus;
  settings_json: string;
  created_at: number;
  ended_at: number | null;
  students: number;
  rounds_finished: number;
}

interface ResultRow {
  round: number;
  table_number: number;
  student_id: string;
  role: Role;
  played: number;
  points: number | null;
  speed_points: number | null;
  think_ms: number;
  events_json: string;
  scenario_id: string;
  mode: ProtocolMode;
  status: StudentRoundResult['status'];
  outcome: string | null;
  nickname: string;
  team: string | null;
}

export interface RoundStart {
  round: number;
  table: number;
  scenarioId: string;
  mode: ProtocolMode;
  /** One per seated student, with `played` known at the start. */
  results: StudentRoundResult[];
}

export class ClassStore {
  readonly #db: Sqlite.Database;

  private constructor(db: Sqlite.Database) {
    this.#db = db;
  }

  /** Opens (creating if needed) the database at `path`, migrates it, and closes out what a crash left live. */
  static open(path: string, now = Date.now()): ClassStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Sqlite(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 2000');
    migrate(db);
    const store = new ClassStore(db);
    store.#interruptLive(now);
    return store;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  get journalMode(): string {
    return this.#db.pragma('journal_mode', { simple: true }) as string;
  }

  #interruptLive(now: number): void {
    this.#db.transaction(() => {
      this.#db
        .prepare(`UPDATE class_rounds SET status = 'interrupted', ended_at = ? WHERE status = 'in-progress'`)
        .run(now);
      this.#db
        .prepare(`UPDATE class_sessions SET status = 'interrupted', resumable = 1, ended_at = ? WHERE status = 'live'`)
        .run(now);
    })();
  }

  createSession(session: { id: string; code: string; hostKey: string; settings: ClassSettings }): void {
    this.#db
      .prepare(
        `INSERT INTO class_sessions (id, code, owner_key_hash, status, settings_json, created_at)
         VALUES (?, ?, ?, 'live', ?, ?)`,
      )
      .run(session.id, session.code, hostKeyHash(session.hostKey), JSON.stringify(session.settings), Date.now());
  }

  saveSettings(sessionId: string, settings: ClassSettings): void {
    this.#db
      .prepare('UPDATE class_sessions SET settings_json = ? WHERE id = ?')
      .run(JSON.stringify(settings), sessionId);
  }

  /** Adds or updates a student (nickname and team only). */
  saveStudent(sessionId: string, student: { studentId: string; nickname: string; team: string | null }): void {
    this.#db
      .prepare(
        `INSERT INTO class_students (session_id, student_id, nickname, team, joined_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (session_id, student_id) DO UPDATE SET nickname = excluded.nickname, team = excluded.team`,
      )
      .run(sessionId, student.studentId, student.nickname, student.team, Date.now());
  }

  startRound(sessionId: string, start: RoundStart): void {
    const round = this.#db.prepare(
      `INSERT INTO class_rounds (session_id, round, table_number, scenario_id, mode, status, started_at)
       VALUES (?, ?, ?, ?, ?, 'in-progress', ?)
       ON CONFLICT (session_id, round, table_number) DO UPDATE SET
         scenario_id = excluded.scenario_id, mode = excluded.mode, status = 'in-progress',
         started_at = excluded.started_at, ended_at = NULL, outcome = NULL, outcome_json = NULL`,
    );
    const result = this.#db.prepare(
      `INSERT OR REPLACE INTO class_results (session_id, round, table_number, student_id, role, played)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      round.run(sessionId, start.round, start.table, start.scenarioId, start.mode, Date.now());
      for (const r of start.results) result.run(sessionId, r.round, r.table, r.studentId, r.role, r.played ? 1 : 0);
    })();
  }

  /** A table's round reached its debrief: its outcome and every seated student's points, in one transaction. */
  finishRound(
    sessionId: string,
    round: number,
    table: number,
    outcomeJson: string,
    results: StudentRoundResult[],
  ): void {
    const update = this.#db.prepare(
      `UPDATE class_results SET played = ?, points = ?, speed_points = ?, think_ms = ?, events_json = ?
       WHERE session_id = ? AND round = ? AND student_id = ?`,
    );
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `UPDATE class_rounds SET status = 'finished', outcome = ?, outcome_json = ?, ended_at = ?
           WHERE session_id = ? AND round = ? AND table_number = ?`,
        )
        .run(results[0]?.outcome ?? null, outcomeJson, Date.now(), sessionId, round, table);
      for (const r of results) {
        update.run(
          r.played ? 1 : 0,
          r.points,
          r.speedPoints,
          Math.round(r.thinkMs),
          JSON.stringify(r.events),
          sessionId,
          round,
          r.studentId,
        );
      }
    })();
  }

  interruptRound(sessionId: string, round: number, table: number): void {
    this.#db
      .prepare(
        `UPDATE class_rounds SET status = 'interrupted', ended_at = ?
         WHERE session_id = ? AND round = ? AND table_number = ? AND status = 'in-progress'`,
      )
      .run(Date.now(), sessionId, round, table);
  }

  endSession(sessionId: string, status: Exclude<SessionStatus, 'live'> = 'ended'): void {
    const now = Date.now();
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `UPDATE class_rounds SET status = 'interrupted', ended_at = ? WHERE session_id = ? AND status = 'in-progress'`,
        )
        .run(now, sessionId);
      this.#db
        .prepare(`UPDATE class_sessions SET status = ?, resumable = ?, ended_at = ? WHERE id = ? AND status = 'live'`)
        .run(status, status === 'interrupted' ? 1 : 0, now, sessionId);
    })();
  }

  /** Sessions the server stopped less than `maxAgeMs` ago (older ones would have ended idle anyway). */
  resumableSessions(maxAgeMs: number, now = Date.now()): ResumableSession[] {
    const rows = this.#db
      .prepare(
        `SELECT id, code, owner_key_hash, settings_json, round FROM class_sessions
         WHERE status = 'interrupted' AND resumable = 1 AND ended_at >= ? ORDER BY created_at`,
      )
      .all(now - maxAgeMs) as {
      id: string;
      code: string;
      owner_key_hash: string;
      settings_json: string;
      round: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      ownerKeyHash: r.owner_key_hash,
      settings: JSON.parse(r.settings_json) as ClassSettings,
      round: r.round,
    }));
  }

  /** The session is live again (after a restart). */
  resumeSession(sessionId: string): void {
    this.#db
      .prepare(`UPDATE class_sessions SET status = 'live', resumable = 0, ended_at = NULL WHERE id = ?`)
      .run(sessionId);
  }

  /** The round the session has reached (its playlist position). */
  saveRound(sessionId: string, round: number): void {
    this.#db.prepare('UPDATE class_sessions SET round = ? WHERE id = ?').run(round, sessionId);
  }

  /** What resuming needs about a student beyond their nickname: key hash, allowance, table and place. */
  saveStudentPlace(
    sessionId: string,
    studentId: string,
    place: { keyHash?: string; allowance: string; table: number | null; place: number | null },
  ): void {
    this.#db
      .prepare(
        `UPDATE class_students SET key_hash = COALESCE(?, key_hash), allowance = ?, table_number = ?, place = ?,
           left_roster = 0
         WHERE session_id = ? AND student_id = ?`,
      )
      .run(place.keyHash ?? null, place.allowance, place.table, place.place, sessionId, studentId);
  }

  /** The host took the student off the roster (banned: for good). Their rows stay. */
  markStudentLeft(sessionId: string, studentId: string, banned: boolean): void {
    this.#db
      .prepare('UPDATE class_students SET left_roster = ? WHERE session_id = ? AND student_id = ?')
      .run(banned ? 2 : 1, sessionId, studentId);
  }

  storedStudents(sessionId: string): StoredStudent[] {
    return this.#db
      .prepare(
        `SELECT student_id AS studentId, key_hash AS keyHash, nickname, team, allowance, table_number AS "table",
                place, left_roster AS leftRoster, joined_at AS joinedAt
         FROM class_students WHERE session_id = ? ORDER BY joined_at`,
      )
      .all(sessionId) as StoredStudent[];
  }

  /** Whether `hostKey` owns the session: null when there is no such session. */
  ownsSession(sessionId: string, hostKey: string): boolean | null {
    const row = this.#db.prepare('SELECT owner_key_hash FROM class_sessions WHERE id = ?').get(sessionId) as
      | { owner_key_hash: string }
      | undefined;
    return row ? row.owner_key_hash === hostKeyHash(hostKey) : null;
  }

  #listing(row: SessionRow): ClassSessionListing {
    return {
      sessionId: row.id,
      code: row.code,
      createdAt: new Date(row.created_at).toISOString(),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
      status: row.status,
      students: row.students,
      roundsFinished: row.rounds_finished,
      settings: JSON.parse(row.settings_json) as ClassSettings,
    };
  }

  static readonly #SESSION_SELECT = `
    SELECT s.*,
      (SELECT COUNT(*) FROM class_students st WHERE st.session_id = s.id) AS students,
      (SELECT COUNT(DISTINCT round) FROM class_rounds r WHERE r.session_id = s.id AND r.status = 'finished')
        AS rounds_finished
    FROM class_sessions s`;

  sessionsOwnedBy(hostKey: string): ClassSessionListing[] {
    const rows = this.#db
      .prepare(`${ClassStore.#SESSION_SELECT} WHERE s.owner_key_hash = ? ORDER BY s.created_at DESC, s.rowid DESC`)
      .all(hostKeyHash(hostKey)) as SessionRow[];
    return rows.map((row) => this.#listing(row));
  }

  session(sessionId: string): ClassSessionListing | null {
    const row = this.#db.prepare(`${ClassStore.#SESSION_SELECT} WHERE s.id = ?`).get(sessionId) as
      | SessionRow
      | undefined;
    return row ? this.#listing(row) : null;
  }

  /** Every student's row for every round, as reports print them. */
  resultRows(sessionId: string): ReportRow[] {
    return this.#results(sessionId).map(({ result, row }) =>
      reportRow(result, { nickname: row.nickname, team: row.team }, row.mode),
    );
  }

  /** Every stored result of the session, as the class room keeps them (to resume its leaderboard). */
  roundResults(sessionId: string): StudentRoundResult[] {
    return this.#results(sessionId).map(({ result }) => result);
  }

  #results(sessionId: string): { result: StudentRoundResult; row: ResultRow }[] {
    const rows = this.#db
      .prepare(
        `SELECT res.round, res.table_number, res.student_id, res.role, res.played, res.points, res.speed_points,
                res.think_ms, res.events_json, r.scenario_id, r.mode, r.status, r.outcome, st.nickname, st.team
         FROM class_results res
         JOIN class_rounds r USING (session_id, round, table_number)
         JOIN class_students st ON st.session_id = res.session_id AND st.student_id = res.student_id
         WHERE res.session_id = ?
         ORDER BY res.round, res.table_number, st.nickname`,
      )
      .all(sessionId) as ResultRow[];
    return rows.map((row) => {
      const finished = row.status === 'finished';
      const result: StudentRoundResult = {
        round: row.round,
        table: row.table_number,
        studentId: row.student_id,
        role: row.role,
        scenarioId: row.scenario_id,
        status: row.status,
        played: row.played === 1,
        points: finished ? row.points : null,
        speedPoints: finished ? row.speed_points : null,
        thinkMs: row.think_ms,
        outcome: row.status === 'interrupted' ? INTERRUPTED_OUTCOME : (row.outcome ?? 'Round in progress'),
        events: JSON.parse(row.events_json) as StudentRoundResult['events'],
      };
      return { result, row };
    });
  }

  students(sessionId: string): { studentId: string; nickname: string; team: string | null }[] {
    return this.#db
      .prepare(
        'SELECT student_id AS studentId, nickname, team FROM class_students WHERE session_id = ? ORDER BY joined_at',
      )
      .all(sessionId) as { studentId: string; nickname: string; team: string | null }[];
  }

  /** Deletes a session and everything stored about it; false when there was none. */
  deleteSession(sessionId: string): boolean {
    return this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM class_results WHERE session_id = ?').run(sessionId);
      return this.#db.prepare('DELETE FROM class_sessions WHERE id = ?').run(sessionId).changes > 0;
    })();
  }
}
