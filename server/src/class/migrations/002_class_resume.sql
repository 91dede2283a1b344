-- Enough to resume a class after a restart: where its playlist stands, whether the server (not the host)
-- stopped it, who may come back (student keys, hashed) and where they sit.
ALTER TABLE class_sessions ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE class_sessions ADD COLUMN resumable INTEGER NOT NULL DEFAULT 0;
ALTER TABLE class_students ADD COLUMN key_hash TEXT;
ALTER TABLE class_students ADD COLUMN allowance TEXT NOT NULL DEFAULT '1';
ALTER TABLE class_students ADD COLUMN table_number INTEGER;
ALTER TABLE class_students ADD COLUMN place INTEGER;
-- 0 on the roster, 1 removed by the host, 2 banned.
ALTER TABLE class_students ADD COLUMN left_roster INTEGER NOT NULL DEFAULT 0;
