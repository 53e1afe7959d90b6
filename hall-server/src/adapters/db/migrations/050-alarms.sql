-- The hall's alarms (issue 10): raised when a condition holds (a wait, a queue, a paused window, a case turning yellow
-- or red, a bad review), marked cleared when it no longer holds, and kept until a manager acknowledges it (who, when,
-- note). Rows are never deleted: the table is the alarm history.
CREATE TABLE alarms (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  key             TEXT NOT NULL,
  kind            TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
  message         TEXT NOT NULL,
  message_en      TEXT NOT NULL,
  raised_at       TEXT NOT NULL,
  cleared_at      TEXT,
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  note            TEXT
);
-- One live alarm per condition: a key is raised again only after its last alarm cleared.
CREATE UNIQUE INDEX alarms_live_key ON alarms (key) WHERE cleared_at IS NULL;
CREATE INDEX alarms_by_raised ON alarms (raised_at);
CREATE TABLE alarm_settings (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  thresholds TEXT NOT NULL
);
