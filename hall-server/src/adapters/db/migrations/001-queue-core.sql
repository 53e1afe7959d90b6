-- Queue core: configuration, live state, the append-only event log, staff, devices, audit.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE services (
  id         TEXT PRIMARY KEY,
  config     TEXT NOT NULL,            -- JSON ServiceConfig
  updated_at TEXT NOT NULL
);

CREATE TABLE windows (
  id         TEXT PRIMARY KEY,
  config     TEXT NOT NULL,            -- JSON WindowConfig
  updated_at TEXT NOT NULL
);

CREATE TABLE window_runtime (
  window_id              TEXT PRIMARY KEY,
  state                  TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
  pause_reason           TEXT,
  clerk_id               TEXT,
  clerk_name             TEXT,
  current_ticket_id      TEXT,
  normals_since_priority INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tickets (
  id                TEXT PRIMARY KEY,
  business_day      TEXT NOT NULL,
  service_id        TEXT NOT NULL,
  seq_no            INTEGER NOT NULL,
  number            TEXT NOT NULL,
  status            TEXT NOT NULL,
  priority          TEXT NOT NULL,
  source            TEXT NOT NULL,
  issued_at         TEXT NOT NULL,
  sort_key          REAL NOT NULL,
  enqueued_at       INTEGER NOT NULL,
  called_at         TEXT,
  serving_at        TEXT,
  finished_at       TEXT,
  no_show_at        TEXT,
  window_id         TEXT,
  target_window_id  TEXT,
  clerk_id          TEXT,
  call_count        INTEGER NOT NULL DEFAULT 0,
  holder_key        TEXT,              -- keyed hash of the ID number (lookup without the number)
  holder_name_masked TEXT,
  holder_id_masked  TEXT,
  holder_sealed     TEXT,              -- SM4-encrypted {name, idNumber, phone}; purged after retention
  abandon_reason    TEXT,
  -- One writer allocates numbers; the database refuses a duplicate anyway.
  UNIQUE (business_day, service_id, seq_no)
);
CREATE INDEX tickets_by_day_status ON tickets (business_day, status);
CREATE INDEX tickets_by_holder ON tickets (holder_key) WHERE holder_key IS NOT NULL;

CREATE TABLE counters (
  business_day TEXT NOT NULL,
  service_id   TEXT NOT NULL,
  last_number  INTEGER NOT NULL,
  PRIMARY KEY (business_day, service_id)
);

CREATE TABLE service_times (
  service_id TEXT PRIMARY KEY,
  samples    TEXT NOT NULL              -- JSON number[] of minutes, newest last
);

-- Append-only: one row per domain event; seq is the number clients see on hall:event.
CREATE TABLE events (
  seq          INTEGER NOT NULL,
  idx          INTEGER NOT NULL,
  type         TEXT NOT NULL,
  at           TEXT NOT NULL,
  business_day TEXT NOT NULL,
  actor        TEXT,
  payload      TEXT NOT NULL,
  PRIMARY KEY (seq, idx)
);
CREATE INDEX events_by_day ON events (business_day);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Results of commands that carried a requestId, so a retry after a lost ack gets the first answer.
CREATE TABLE command_log (
  request_id TEXT PRIMARY KEY,
  result     TEXT NOT NULL,
  at         TEXT NOT NULL
);

CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  roles         TEXT NOT NULL,          -- JSON StaffRole[]
  password_hash TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash
  enabled       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE devices (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  name               TEXT NOT NULL,
  window_id          TEXT,
  settings           TEXT NOT NULL DEFAULT '{}',
  token_hash         TEXT,
  pairing_code_hash  TEXT,
  pairing_expires_at TEXT,
  paired_at          TEXT,
  online             INTEGER NOT NULL DEFAULT 0,
  status             TEXT NOT NULL DEFAULT '[]',
  last_seen_at       TEXT
);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  staff_id TEXT,
  action   TEXT NOT NULL,
  target   TEXT,
  detail   TEXT
);
