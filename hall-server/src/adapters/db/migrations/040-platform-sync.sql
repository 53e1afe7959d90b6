-- 一网通办 sync with the provincial platform (issue 11).

-- Records for the platform, written in the same transaction as the change they report. Delivered in `id` order per
-- `stream` (a case, a ticket, a booking), at most once recorded on the platform thanks to the idempotency key.
CREATE TABLE platform_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL CHECK (kind IN ('case-stage', 'evaluation', 'queue-status', 'no-show')),
  stream          TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  case_no         TEXT,
  summary         TEXT NOT NULL,
  payload         TEXT NOT NULL,            -- JSON push as the contract has it; never full personal data
  coalesce_key    TEXT UNIQUE,              -- latest wins: one row per key, re-armed by each change
  revision        INTEGER NOT NULL DEFAULT 0,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  refusals        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_attempt_at TEXT,
  last_error      TEXT,
  delivered_at    TEXT,
  event_seq       INTEGER
);
CREATE INDEX platform_outbox_due ON platform_outbox (status, next_attempt_at);
CREATE INDEX platform_outbox_stream ON platform_outbox (stream, status, id);

-- What came in (webhooks and pulls), by platform id: the highest version applied, so a duplicate or an older
-- version changes nothing.
CREATE TABLE platform_inbound (
  kind        TEXT NOT NULL CHECK (kind IN ('appointment', 'pretrial', 'case-result')),
  platform_id TEXT NOT NULL,
  version     INTEGER NOT NULL,
  outcome     TEXT NOT NULL,
  applied_at  TEXT NOT NULL,
  PRIMARY KEY (kind, platform_id)
);

-- Applications pre-reviewed online (预审), found at the window by 预审号 or the applicant's ID card.
CREATE TABLE platform_pretrials (
  platform_id           TEXT PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  version               INTEGER NOT NULL,
  matter_code           TEXT NOT NULL,
  matter_name           TEXT NOT NULL,
  applicant_kind        TEXT NOT NULL CHECK (applicant_kind IN ('person', 'legal')),
  applicant_key         TEXT NOT NULL,      -- keyed hash of the (contact's) ID number
  applicant_name_masked TEXT NOT NULL,
  applicant_id_masked   TEXT NOT NULL,
  org_name              TEXT,
  applicant_sealed      TEXT,               -- SM4-sealed applicant as the platform sent it
  materials             TEXT NOT NULL,      -- JSON [{ materialId, name, checkedOnline, note }]
  answers               TEXT NOT NULL,
  form                  TEXT NOT NULL,
  submitted_at          TEXT NOT NULL,
  reviewed_at           TEXT NOT NULL,
  status                TEXT NOT NULL CHECK (status IN ('ready', 'received', 'withdrawn')),
  case_id               TEXT,
  stored_at             TEXT NOT NULL
);
CREATE INDEX platform_pretrials_by_applicant ON platform_pretrials (applicant_key);

-- Cursors of the pulled feeds, the link's last success and such.
CREATE TABLE platform_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Nonces of signed webhooks seen within the allowed clock skew (a replayed request is refused).
CREATE TABLE platform_nonces (
  nonce   TEXT PRIMARY KEY,
  seen_at INTEGER NOT NULL                  -- epoch ms
);

-- Delivery errors and alarms for the console (the latest few hundred are kept).
CREATE TABLE platform_sync_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('error', 'alarm')),
  item_id INTEGER,
  message TEXT NOT NULL
);
