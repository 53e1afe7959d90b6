-- Matter catalog (事项目录), cases (办件), case steps, hand-over, working-day calendar overrides.

CREATE TABLE catalog_departments (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  credit_code TEXT,
  phone       TEXT,
  updated_at  TEXT NOT NULL
);

-- The shared material library (材料库); matters link to it.
CREATE TABLE catalog_materials (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  body       TEXT NOT NULL,           -- JSON Material
  updated_at TEXT NOT NULL
);

-- One row per matter VERSION. Versions are immutable: a change is a new version, and a case keeps the version it
-- was received under (cases.matter_id, cases.matter_version).
CREATE TABLE catalog_matters (
  id             TEXT NOT NULL,
  version        INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  name           TEXT NOT NULL,
  basic_code     TEXT NOT NULL,
  impl_code      TEXT NOT NULL,
  dept_id        TEXT NOT NULL,
  case_kind      TEXT NOT NULL,
  enabled        INTEGER NOT NULL,
  body           TEXT NOT NULL,       -- JSON Matter
  created_at     TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE INDEX catalog_matters_by_impl ON catalog_matters (impl_code);
CREATE TRIGGER catalog_matters_immutable BEFORE UPDATE ON catalog_matters
BEGIN SELECT RAISE(ABORT, 'matter versions are immutable; add a new version'); END;

CREATE TABLE catalog_bundles (
  id             TEXT NOT NULL,
  version        INTEGER NOT NULL,
  effective_from TEXT NOT NULL,
  code           TEXT NOT NULL,
  name           TEXT NOT NULL,
  lead_dept_id   TEXT NOT NULL,
  body           TEXT NOT NULL,       -- JSON Bundle
  created_at     TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TRIGGER catalog_bundles_immutable BEFORE UPDATE ON catalog_bundles
BEGIN SELECT RAISE(ABORT, 'bundle versions are immutable; add a new version'); END;

CREATE TABLE catalog_imports (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  staff_id  TEXT,
  format    TEXT NOT NULL,
  file_name TEXT,
  summary   TEXT NOT NULL             -- JSON counts of added / unchanged records
);

-- The department an approver (审批人员) works for; the back office shows that department's queue.
CREATE TABLE staff_departments (
  staff_id TEXT PRIMARY KEY REFERENCES staff (id),
  dept_id  TEXT NOT NULL REFERENCES catalog_departments (id)
);

-- Case number sequences: one row per scope (a day for the default daily format). Numbers are never reused.
CREATE TABLE case_counters (
  scope TEXT PRIMARY KEY,
  last  INTEGER NOT NULL
);

CREATE TABLE cases (
  id                    TEXT PRIMARY KEY,
  case_no               TEXT NOT NULL UNIQUE,
  type                  TEXT NOT NULL CHECK (type IN ('single', 'bundle', 'member')),
  parent_id             TEXT REFERENCES cases (id),
  matter_id             TEXT,
  matter_version        INTEGER,
  bundle_id             TEXT,
  bundle_version        INTEGER,
  name                  TEXT NOT NULL,
  case_kind             TEXT NOT NULL,
  dept_id               TEXT NOT NULL,
  stage                 TEXT NOT NULL,
  resume_stage          TEXT,
  node                  TEXT,
  result                TEXT,
  legal_limit_days      REAL NOT NULL,
  promised_limit_days   REAL NOT NULL,
  tolerance             INTEGER NOT NULL DEFAULT 0,
  received_at           TEXT NOT NULL,
  accepted_at           TEXT,
  concluded_at          TEXT,
  delivered_at          TEXT,
  pauses                TEXT NOT NULL DEFAULT '[]',   -- JSON CasePause[]
  applicant_kind        TEXT NOT NULL,
  org_name              TEXT,
  applicant_name_masked TEXT NOT NULL,
  applicant_id_masked   TEXT NOT NULL,
  applicant_key         TEXT NOT NULL,                -- keyed hash of the ID number (find results without storing it)
  applicant_sealed      TEXT,                         -- SM4-sealed {name, idNumber, phone}; purged after retention
  take_way              TEXT NOT NULL,
  channel               TEXT NOT NULL,
  ticket_id             TEXT,
  delivery              TEXT,                         -- JSON Delivery (masked)
  answers               TEXT NOT NULL DEFAULT '{}',
  form                  TEXT NOT NULL DEFAULT '{}',
  platform_ref          TEXT,
  updated_at            TEXT NOT NULL,
  FOREIGN KEY (matter_id, matter_version) REFERENCES catalog_matters (id, version),
  FOREIGN KEY (bundle_id, bundle_version) REFERENCES catalog_bundles (id, version)
);
CREATE INDEX cases_by_dept_stage ON cases (dept_id, stage);
CREATE INDEX cases_by_applicant ON cases (applicant_key);
CREATE INDEX cases_by_parent ON cases (parent_id) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX cases_by_platform_ref ON cases (platform_ref) WHERE platform_ref IS NOT NULL;

CREATE TABLE case_materials (
  case_id             TEXT NOT NULL REFERENCES cases (id),
  material_id         TEXT NOT NULL,
  name                TEXT NOT NULL,
  need                TEXT NOT NULL,
  original_count      INTEGER NOT NULL,
  copy_count          INTEGER NOT NULL,
  electronic_accepted INTEGER NOT NULL,
  cert_lookup         TEXT,
  used_by             TEXT NOT NULL,      -- JSON string[]
  status              TEXT NOT NULL,
  due_date            TEXT,
  received_at         TEXT,
  note                TEXT,
  PRIMARY KEY (case_id, material_id)
);

-- Append-only history: every step with time, department, staff, opinion and the notices it produced.
CREATE TABLE case_steps (
  case_id    TEXT NOT NULL REFERENCES cases (id),
  step_no    INTEGER NOT NULL,
  action     TEXT NOT NULL,
  from_stage TEXT,
  stage      TEXT NOT NULL,
  link_code  INTEGER NOT NULL,
  node       TEXT,
  at         TEXT NOT NULL,
  dept_id    TEXT NOT NULL,
  staff_id   TEXT NOT NULL,
  staff_name TEXT NOT NULL,
  source     TEXT NOT NULL,
  opinion    TEXT,
  notices    TEXT NOT NULL DEFAULT '[]',  -- JSON Notice[] (B-code documents as structured data)
  event_seq  INTEGER NOT NULL,            -- the events row that recorded this step
  PRIMARY KEY (case_id, step_no)
);
CREATE INDEX case_steps_by_seq ON case_steps (event_seq);
CREATE TRIGGER case_steps_append_only_update BEFORE UPDATE ON case_steps
BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
CREATE TRIGGER case_steps_append_only_delete BEFORE DELETE ON case_steps
BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;

-- Messages to applicants (result ready, 容缺 reminders); the phone is stored masked, the text has no ID number.
CREATE TABLE case_notifications (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id   TEXT NOT NULL REFERENCES cases (id),
  kind      TEXT NOT NULL,
  at        TEXT NOT NULL,
  to_masked TEXT,
  text      TEXT NOT NULL,
  status    TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'no-phone')),
  sent_at   TEXT,
  error     TEXT
);
CREATE INDEX case_notifications_pending ON case_notifications (status) WHERE status = 'pending';

-- The hall's own working-day overrides on top of the national holiday calendar.
CREATE TABLE calendar_overrides (
  date       TEXT PRIMARY KEY,
  working    INTEGER NOT NULL,
  note       TEXT NOT NULL,
  staff_id   TEXT,
  updated_at TEXT NOT NULL
);

-- Case settings changeable at run time (number format, warning share, 容缺 default period).
CREATE TABLE case_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
