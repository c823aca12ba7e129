-- 0001: the hall, its services and windows, the queue.
-- Times are epoch milliseconds (UTC); service_day is the hall's local date.

CREATE TABLE hall_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL              -- JSON
) STRICT;

CREATE TABLE services (
  id             TEXT PRIMARY KEY,  -- ULID
  letter         TEXT NOT NULL UNIQUE CHECK (length(letter) = 1 AND letter GLOB '[A-Z]'),
  name_zh_cn     TEXT NOT NULL,
  name_zh_hk     TEXT NOT NULL,
  name_en        TEXT NOT NULL,
  description_zh_cn TEXT NOT NULL DEFAULT '',
  description_zh_hk TEXT NOT NULL DEFAULT '',
  description_en    TEXT NOT NULL DEFAULT '',
  sort_order     INTEGER NOT NULL DEFAULT 0,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE windows (
  id          TEXT PRIMARY KEY,     -- ULID
  number      INTEGER NOT NULL UNIQUE CHECK (number > 0),
  name_zh_cn  TEXT NOT NULL,
  name_zh_hk  TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE window_services (
  window_id   TEXT NOT NULL REFERENCES windows (id) ON DELETE CASCADE,
  service_id  TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (window_id, service_id)
) STRICT;

CREATE TABLE staff (
  id          TEXT PRIMARY KEY,     -- ULID
  staff_no    TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('clerk', 'admin')),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE tickets (
  id           TEXT PRIMARY KEY,    -- ULID
  service_day  TEXT NOT NULL,       -- YYYY-MM-DD, hall time zone
  service_id   TEXT NOT NULL REFERENCES services (id),
  seq          INTEGER NOT NULL CHECK (seq > 0),
  number       TEXT NOT NULL,       -- e.g. A012
  status       TEXT NOT NULL CHECK (status IN
                 ('waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled', 'transferred')),
  window_id    TEXT REFERENCES windows (id),
  issued_at    INTEGER NOT NULL,
  called_at    INTEGER,
  finished_at  INTEGER,
  UNIQUE (service_day, service_id, seq)
) STRICT;

-- Call next reads the oldest waiting ticket of a few services: keep that path small.
CREATE INDEX tickets_waiting ON tickets (service_day, service_id, issued_at, id) WHERE status = 'waiting';
CREATE INDEX tickets_at_window ON tickets (window_id) WHERE status IN ('called', 'serving');
CREATE INDEX tickets_called ON tickets (service_day, called_at) WHERE called_at IS NOT NULL;

-- Every state change of a ticket; queue statistics are computed from this log.
CREATE TABLE ticket_events (
  id         INTEGER PRIMARY KEY,
  ticket_id  TEXT NOT NULL REFERENCES tickets (id),
  kind       TEXT NOT NULL CHECK (kind IN
               ('issued', 'called', 'recalled', 'serving', 'finished', 'no_show', 'cancelled', 'transferred')),
  window_id  TEXT REFERENCES windows (id),
  staff_id   TEXT REFERENCES staff (id),
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id);
