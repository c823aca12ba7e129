-- 0002: the full queue of a busy hall (priorities, recall, hold, transfer, window
-- states, daily reset) and the service/window settings it needs.
-- SQLite cannot change a CHECK or a UNIQUE in place: tickets and ticket_events are
-- rebuilt (children first, so no foreign key is ever left dangling).

ALTER TABLE services ADD COLUMN open_from TEXT CHECK (open_from IS NULL OR open_from GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE services ADD COLUMN open_until TEXT CHECK (open_until IS NULL OR open_until GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE services ADD COLUMN daily_capacity INTEGER CHECK (daily_capacity IS NULL OR daily_capacity > 0);

ALTER TABLE windows ADD COLUMN location_zh_cn TEXT NOT NULL DEFAULT '';
ALTER TABLE windows ADD COLUMN location_zh_hk TEXT NOT NULL DEFAULT '';
ALTER TABLE windows ADD COLUMN location_en TEXT NOT NULL DEFAULT '';
ALTER TABLE windows ADD COLUMN state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paused', 'closed'));

-- A window calls from its lowest tier that has someone waiting; FIFO within a tier.
ALTER TABLE window_services ADD COLUMN tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 9);

CREATE TABLE tickets_v2 (
  id               TEXT PRIMARY KEY,
  service_day      TEXT NOT NULL,
  service_id       TEXT NOT NULL REFERENCES services (id),
  seq              INTEGER CHECK (seq IS NULL OR seq > 0),   -- NULL on a transfer's new ticket (it keeps the number)
  number           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN
                     ('waiting', 'called', 'serving', 'held', 'finished', 'no_show', 'cancelled', 'transferred')),
  lane             INTEGER NOT NULL DEFAULT 2 CHECK (lane IN (0, 1, 2)),  -- 0 front (transfer), 1 priority, 2 ordinary
  priority         TEXT CHECK (priority IS NULL OR priority IN ('elderly', 'disabled', 'pregnant', 'service_member')),
  queue_at         INTEGER NOT NULL,  -- position in its lane: issue time, or earlier for a transfer to the front
  target_window_id TEXT REFERENCES windows (id),  -- only this window may call it
  transferred_from TEXT REFERENCES tickets_v2 (id),
  window_id        TEXT REFERENCES windows (id),
  issued_at        INTEGER NOT NULL,
  called_at        INTEGER,
  serving_at       INTEGER,
  ended_at         INTEGER,
  recalls          INTEGER NOT NULL DEFAULT 0,
  cancel_reason    TEXT
) STRICT;

INSERT INTO tickets_v2 (id, service_day, service_id, seq, number, status, lane, queue_at, window_id, issued_at, called_at, ended_at)
  SELECT id, service_day, service_id, seq, number, status, 2, issued_at, window_id, issued_at, called_at, finished_at FROM tickets;

CREATE TABLE ticket_events_v2 (
  id         INTEGER PRIMARY KEY,
  ticket_id  TEXT NOT NULL REFERENCES tickets_v2 (id),
  kind       TEXT NOT NULL CHECK (kind IN ('issued', 'called', 'recalled', 'serving', 'held', 'resumed',
               'finished', 'no_show', 'cancelled', 'transferred', 'closed')),
  window_id  TEXT REFERENCES windows (id),
  staff_id   TEXT REFERENCES staff (id),
  at         INTEGER NOT NULL,
  detail     TEXT
) STRICT;

INSERT INTO ticket_events_v2 (id, ticket_id, kind, window_id, staff_id, at)
  SELECT id, ticket_id, kind, window_id, staff_id, at FROM ticket_events;

DROP TABLE ticket_events;
DROP TABLE tickets;
ALTER TABLE tickets_v2 RENAME TO tickets;
ALTER TABLE ticket_events_v2 RENAME TO ticket_events;

CREATE UNIQUE INDEX tickets_number_seq ON tickets (service_day, service_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX tickets_waiting ON tickets (service_day, service_id, lane, queue_at, id) WHERE status = 'waiting';
CREATE INDEX tickets_calling_order ON tickets (service_day, lane, queue_at, id, service_id, target_window_id) WHERE status = 'waiting';
-- Full, not partial: SQLite uses a partial index only when the query repeats its WHERE exactly.
CREATE INDEX tickets_at_window ON tickets (window_id, status);
CREATE INDEX tickets_priority_by_day ON tickets (service_day) WHERE priority IS NOT NULL AND seq IS NOT NULL;
CREATE INDEX tickets_called ON tickets (service_day, called_at) WHERE called_at IS NOT NULL;
CREATE INDEX tickets_open_by_day ON tickets (service_day) WHERE status IN ('waiting', 'called', 'serving', 'held');
CREATE INDEX tickets_ended_by_service ON tickets (service_id, ended_at) WHERE called_at IS NOT NULL AND ended_at IS NOT NULL;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
CREATE INDEX ticket_events_at ON ticket_events (at);

-- Every call of a ticket that overtakes an older ordinary ticket of a service the
-- window serves. The oldest ordinary ticket has been overtaken by exactly the passes
-- whose passer_queue_at is later than its own queue_at: the starvation guard counts
-- them through this index instead of touching every waiting ticket.
CREATE TABLE queue_passes (
  id              INTEGER PRIMARY KEY,
  service_day     TEXT NOT NULL,
  service_id      TEXT NOT NULL REFERENCES services (id),
  passer_queue_at INTEGER NOT NULL,
  at              INTEGER NOT NULL
) STRICT;
CREATE INDEX queue_passes_lookup ON queue_passes (service_day, service_id, passer_queue_at);
