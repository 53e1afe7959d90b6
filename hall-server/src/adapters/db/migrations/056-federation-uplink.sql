-- 四级联通 (issue 13), the hall's side: how far up its event log the uplink broker has acknowledged (PUBACK) the
-- records. Publishing starts again from here after an outage or a restart, so nothing a hall does waits for the link
-- and nothing is lost: the event log itself is the outbox.
CREATE TABLE federation_uplink (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq INTEGER NOT NULL
);
INSERT INTO federation_uplink (id, acked_seq) VALUES (1, 0);
