import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CLASS_SETTINGS, pendingResults, type Role, roundResults } from '@handshake/shared';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundledMigrations, migrate } from './migrations.ts';
import { ClassStore, hostKeyHash } from './store.ts';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'handshake-store-')), 'results.sqlite');
const seating: Record<Role, string | null> = { client: 'a', server: 'b', ca: null, eavesdropper: null };
const played: Record<Role, boolean> = { client: true, server: true, ca: false, eavesdropper: false };
const outcome = {
  secretReadBy: [],
  clientTrustedBadCertificate: false,
  clientRejected: null,
  connectionAborted: null,
  tamperDetectedBy: null,
  sessionCompleted: true,
  replyDelivered: true,
  misIssued: false,
  leakDecrypted: null,
  sniSeenBy: [],
};
const noTime = { thinkMs: 0, moves: 0 };

function sessionWithTwoRounds(store: ClassStore) {
  store.createSession({ id: 's1', code: 'ABCDEF', hostKey: 'key-1', settings: DEFAULT_CLASS_SETTINGS });
  store.saveStudent('s1', { studentId: 'a', nickname: 'Ann', team: null });
  store.saveStudent('s1', { studentId: 'b', nickname: 'Ben', team: null });
  for (const round of [1, 2]) {
    const results = pendingResults(round, 1, 'happy-path', seating, played);
    store.startRound('s1', { round, table: 1, scenarioId: 'happy-path', mode: 'tls13', results });
  }
  const finished = roundResults({
    round: 1,
    table: 1,
    scenarioId: 'happy-path',
    seating,
    played,
    scores: [
      { role: 'client', points: 3, reason: 'Completed a secure session.', at: 1 },
      { role: 'server', points: 2, reason: 'Served the request correctly.', at: 2 },
    ],
    outcome,
    timing: { client: noTime, server: noTime, ca: noTime, eavesdropper: noTime },
    stepLimitMs: { client: null, server: null, ca: null, eavesdropper: null },
    speedPoints: false,
  });
  store.finishRound('s1', 1, 1, JSON.stringify(outcome), finished);
}

describe('the class results store', () => {
  it('opens in WAL mode with every migration applied once, in order', () => {
    const path = tempDb();
    const store = ClassStore.open(path);
    expect(store.journalMode).toBe('wal');
    store.close();
    const db = new Sqlite(path);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(bundledMigrations().map((m) => ({ version: m.version })));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('applies new migrations in version order, each in a transaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handshake-migrations-'));
    writeFileSync(join(dir, '002_second.sql'), 'INSERT INTO notes VALUES (2);');
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE notes (n INTEGER); INSERT INTO notes VALUES (1);');
    writeFileSync(join(dir, '003_broken.sql'), 'INSERT INTO notes VALUES (3); INSERT INTO nowhere VALUES (1);');
    const db = new Sqlite(':memory:');
    const migrations = bundledMigrations(new URL(`file://${dir}/`));
    expect(migrations.map((m) => m.name)).toEqual(['first', 'second', 'broken']);
    expect(() => migrate(db, migrations)).toThrow(/nowhere/);
    // 1 and 2 stay applied; the broken one left nothing behind.
    expect(db.prepare('SELECT n FROM notes ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(migrate(db, migrations.slice(0, 2))).toEqual([]);
    db.close();
  });

  it('keeps finished rounds and marks a round in progress as interrupted when reopened', () => {
    const path = tempDb();
    const store = ClassStore.open(path);
    sessionWithTwoRounds(store);
    expect(store.resultRows('s1').map((r) => [r.round, r.nickname, r.status, r.points])).toEqual([
      [1, 'Ann', 'finished', 3],
      [1, 'Ben', 'finished', 2],
      [2, 'Ann', 'in-progress', null],
      [2, 'Ben', 'in-progress', null],
    ]);
    store.close(); // as if the process died here
    const reopened = ClassStore.open(path);
    const rows = reopened.resultRows('s1');
    expect(rows.map((r) => [r.round, r.status, r.points])).toEqual([
      [1, 'finished', 3],
      [1, 'finished', 2],
      [2, 'interrupted', null],
      [2, 'interrupted', null],
    ]);
    expect(rows[2]?.outcome).toBe('Interrupted before the debrief');
    expect(rows[0]?.misconception).toBe('https-hides-destination');
    expect(reopened.session('s1')).toMatchObject({ status: 'interrupted', students: 2, roundsFinished: 1 });
    reopened.close();
  });

  it('stores only a hash of the host key; lists and deletes by owner', () => {
    const path = tempDb();
    const store = ClassStore.open(path);
    sessionWithTwoRounds(store);
    expect(store.ownsSession('s1', 'key-1')).toBe(true);
    expect(store.ownsSession('s1', 'key-2')).toBe(false);
    expect(store.ownsSession('nope', 'key-1')).toBeNull();
    expect(store.sessionsOwnedBy('key-1').map((s) => s.sessionId)).toEqual(['s1']);
    expect(store.sessionsOwnedBy('key-2')).toEqual([]);
    store.close();
    const db = new Sqlite(path);
    const row = db.prepare('SELECT owner_key_hash FROM class_sessions').get() as { owner_key_hash: string };
    expect(row.owner_key_hash).toBe(hostKeyHash('key-1'));
    expect(JSON.stringify(db.prepare('SELECT * FROM class_sessions').all())).not.toContain('key-1');
    db.close();
    const again = ClassStore.open(path);
    expect(again.deleteSession('s1')).toBe(true);
    expect(again.resultRows('s1')).toEqual([]);
    expect(again.students('s1')).toEqual([]);
    expect(again.deleteSession('s1')).toBe(false);
    again.close();
  });
});
