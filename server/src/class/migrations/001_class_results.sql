-- Class sessions and their results. Only nicknames identify students; host keys are stored hashed.
CREATE TABLE class_sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  owner_key_hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('live', 'ended', 'interrupted')),
  settings_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX class_sessions_by_owner ON class_sessions (owner_key_hash, created_at DESC);

CREATE TABLE class_students (
  session_id TEXT NOT NULL REFERENCES class_sessions (id) ON DELETE CASCADE,
  student_id TEXT NOT NULL,
  nickname TEXT NOT NULL,
  team TEXT,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, student_id)
);

-- One row per table per round: which scenario, and whether it reached its debrief.
CREATE TABLE class_rounds (
  session_id TEXT NOT NULL REFERENCES class_sessions (id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  table_number INTEGER NOT NULL,
  scenario_id TEXT NOT NULL,
  mode TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('in-progress', 'finished', 'interrupted')),
  outcome TEXT,
  outcome_json TEXT,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  PRIMARY KEY (session_id, round, table_number)
);

-- One row per student per round: written when the round starts, completed when it reaches its debrief.
CREATE TABLE class_results (
  session_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  table_number INTEGER NOT NULL,
  student_id TEXT NOT NULL,
  role TEXT NOT NULL,
  played INTEGER NOT NULL,
  points INTEGER,
  speed_points INTEGER,
  think_ms INTEGER NOT NULL DEFAULT 0,
  events_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (session_id, round, student_id),
  FOREIGN KEY (session_id, round, table_number)
    REFERENCES class_rounds (session_id, round, table_number) ON DELETE CASCADE
);
