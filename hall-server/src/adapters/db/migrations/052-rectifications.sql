-- 差评整改 (issue 10): every 不满意 / 非常不满意 opens a rectification — judged valid or invalid by a reviewer, rectified
-- within its 整改期限, the visitor called back, the result recorded. `state` is the domain's record (no personal data:
-- the rating's reason and the department's notes only); status and due_at are columns for the lists and the alarms.
CREATE TABLE rectifications (
  id            TEXT PRIMARY KEY,
  evaluation_id TEXT NOT NULL UNIQUE REFERENCES evaluations (id),
  status        TEXT NOT NULL,
  due_at        TEXT NOT NULL,
  opened_at     TEXT NOT NULL,
  state         TEXT NOT NULL
);
CREATE INDEX rectifications_by_status ON rectifications (status, due_at);
-- The history, one line per step, never changed.
CREATE TABLE rectification_steps (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  rectification_id  TEXT NOT NULL REFERENCES rectifications (id),
  at                TEXT NOT NULL,
  by_name           TEXT NOT NULL,
  status            TEXT NOT NULL,
  text              TEXT NOT NULL
);
CREATE INDEX rectification_steps_by_rectification ON rectification_steps (rectification_id, id);
-- Served tickets are looked up by when they finished (the unrated ones take the default level after N days).
CREATE INDEX tickets_done_by_finished ON tickets (finished_at) WHERE status = 'done';
