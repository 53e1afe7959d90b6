-- A number belongs to the service that issued it. A transfer moves the ticket to another service's queue
-- (service_id) but the visitor keeps the number on their slip, so uniqueness is over the issuing service:
-- with UNIQUE(business_day, service_id, seq_no) the target's own counter collided with the transferred ticket
-- and every issue at the target failed. SQLite cannot change a table constraint in place: the table is rebuilt.
CREATE TABLE tickets_v2 (
  id                TEXT PRIMARY KEY,
  business_day      TEXT NOT NULL,
  service_id        TEXT NOT NULL,      -- the queue the ticket waits in now
  issued_service_id TEXT NOT NULL,      -- the service that issued its number; never changes
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
  holder_key        TEXT,
  holder_name_masked TEXT,
  holder_id_masked  TEXT,
  holder_sealed     TEXT,
  abandon_reason    TEXT,
  UNIQUE (business_day, issued_service_id, seq_no)
);
-- Rows written before this migration: a ticket transferred earlier carries its target here, which is still unique
-- (the old constraint held over exactly these values).
INSERT INTO tickets_v2 (id, business_day, service_id, issued_service_id, seq_no, number, status, priority, source,
  issued_at, sort_key, enqueued_at, called_at, serving_at, finished_at, no_show_at, window_id, target_window_id,
  clerk_id, call_count, holder_key, holder_name_masked, holder_id_masked, holder_sealed, abandon_reason)
SELECT id, business_day, service_id, service_id, seq_no, number, status, priority, source,
  issued_at, sort_key, enqueued_at, called_at, serving_at, finished_at, no_show_at, window_id, target_window_id,
  clerk_id, call_count, holder_key, holder_name_masked, holder_id_masked, holder_sealed, abandon_reason
FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_v2 RENAME TO tickets;
CREATE INDEX tickets_by_day_status ON tickets (business_day, status);
CREATE INDEX tickets_by_holder ON tickets (holder_key) WHERE holder_key IS NOT NULL;
