/** Schema migrations: `migrations/NNN_name.sql`, applied in order, each once and in its own transaction. @module */
import { readdirSync, readFileSync } from 'node:fs';
import type Sqlite from 'better-sqlite3';

type Database = Sqlite.Database;

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations kept in the repository, by version. */
export function bundledMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([file, version, name]) => ({
      version: Number(version),
      name: name as string,
      sql: readFileSync(new URL(file as string, dir), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Applies what `db` has not seen yet; returns the versions applied now. Each migration runs in its own
 * IMMEDIATE transaction that checks again whether it is applied, so two processes opening one file at
 * once apply it once.
 */
export function migrate(db: Database, migrations: readonly Migration[] = bundledMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations) {
    db.transaction(() => {
      if (applied.get(m.version)) return;
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
      done.push(m.version);
    }).immediate();
  }
  return done;
}
