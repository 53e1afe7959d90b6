-- The demo hall's printed device links (#token=…): the token sealed with the hall's data key, so a restart prints the
-- same link instead of pairing the device anew (which un-paired every screen on each start). Only the demo writes it.
CREATE TABLE demo_device_links (
  device_id    TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  token_sealed TEXT NOT NULL,
  issued_at    TEXT NOT NULL
);
