-- Appointments (预约): booked online or synced from the platform, checked in at the kiosk.
CREATE TABLE appointments (
  id                 TEXT PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  service_id         TEXT NOT NULL,
  matter             TEXT NOT NULL DEFAULT '',
  holder_key         TEXT NOT NULL,          -- keyed hash of the ID number
  holder_name_masked TEXT NOT NULL,
  holder_id_masked   TEXT NOT NULL,
  holder_sealed      TEXT,                   -- SM4-sealed {name, idNumber, phone}
  slot_start         TEXT NOT NULL,
  slot_end           TEXT NOT NULL,
  business_day       TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'cancelled', 'no-show')),
  channel            TEXT NOT NULL,
  platform_ref       TEXT,
  ticket_id          TEXT,
  checked_in_at      TEXT,
  created_at         TEXT NOT NULL
);
CREATE INDEX appointments_by_holder_day ON appointments (holder_key, business_day);
