-- 服务投诉 after GB/T 36113 (issue 10): 受理 → 调查 → 处置 → 反馈 → 归档. The complainant's name and phone are sealed
-- (complainant_sealed, like a ticket's holder) and kept masked beside it for the lists; `state` holds the rest.
CREATE TABLE complaints (
  id                  TEXT PRIMARY KEY,
  no                  TEXT NOT NULL UNIQUE,
  status              TEXT NOT NULL,
  category            TEXT NOT NULL,
  received_at         TEXT NOT NULL,
  due_at              TEXT NOT NULL,
  complainant_masked  TEXT NOT NULL,
  complainant_sealed  TEXT,
  state               TEXT NOT NULL
);
CREATE INDEX complaints_by_status ON complaints (status, due_at);
CREATE TABLE complaint_steps (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  complaint_id  TEXT NOT NULL REFERENCES complaints (id),
  at            TEXT NOT NULL,
  by_name       TEXT NOT NULL,
  status        TEXT NOT NULL,
  text          TEXT NOT NULL
);
CREATE INDEX complaint_steps_by_complaint ON complaint_steps (complaint_id, id);
