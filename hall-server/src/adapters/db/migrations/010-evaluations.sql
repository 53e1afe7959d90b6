-- 好差评: ratings given on a window's evaluator, one per served ticket.
CREATE TABLE evaluations (
  id         TEXT PRIMARY KEY,
  ticket_id  TEXT NOT NULL UNIQUE,
  window_id  TEXT NOT NULL,
  clerk_id   TEXT,
  device_id  TEXT,
  channel    TEXT NOT NULL,             -- evaluator | qrcode | kiosk …
  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  at         TEXT NOT NULL
);
CREATE INDEX evaluations_by_window ON evaluations (window_id, at);
