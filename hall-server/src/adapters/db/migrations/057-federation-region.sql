-- 四级联通 (issue 13), the region's side (county, city): every record applied from each hall below, exactly once by
-- (hall id, seq); each hall's ledger (what is applied, what it announced) and its latest state; the KPI rollups the
-- halls report (their own, and a county's of the halls below it).
CREATE TABLE federation_halls (
  hall_id      TEXT PRIMARY KEY,
  -- every seq up to here is applied
  contiguous   INTEGER NOT NULL DEFAULT 0,
  -- JSON array of applied seqs above contiguous (arrived ahead of a gap)
  ahead        TEXT NOT NULL DEFAULT '[]',
  -- the highest seq the hall said it wrote
  announced    INTEGER NOT NULL DEFAULT 0,
  online       INTEGER NOT NULL DEFAULT 0,
  last_heard   TEXT,
  state        TEXT
);
CREATE TABLE federation_records (
  hall_id      TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  business_day TEXT NOT NULL,
  events       TEXT NOT NULL,
  applied_at   TEXT NOT NULL,
  PRIMARY KEY (hall_id, seq)
);
CREATE INDEX federation_records_by_day ON federation_records (hall_id, business_day);
CREATE TABLE federation_rollups (
  hall_id      TEXT NOT NULL,
  business_day TEXT NOT NULL,
  -- the hall itself, or the county that reported it
  via          TEXT NOT NULL,
  name         TEXT NOT NULL,
  rollup       TEXT NOT NULL,
  through_seq  INTEGER,
  received_at  TEXT NOT NULL,
  PRIMARY KEY (hall_id, business_day)
);
-- Halls further down (below a county below us): how their county last reported them (link and live state).
CREATE TABLE federation_further_halls (
  hall_id      TEXT PRIMARY KEY,
  via          TEXT NOT NULL,
  view         TEXT NOT NULL,
  received_at  TEXT NOT NULL
);
