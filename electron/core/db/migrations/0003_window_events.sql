-- 0003: window state changes are logged like ticket changes, so that statistics know
-- when a window was open (a clerk on a break is not idle).
CREATE TABLE window_events (
  id         INTEGER PRIMARY KEY,
  window_id  TEXT NOT NULL REFERENCES windows (id),
  state      TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
  staff_id   TEXT REFERENCES staff (id),
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX window_events_window_at ON window_events (window_id, at);
CREATE INDEX ticket_events_window_at ON ticket_events (window_id, at) WHERE window_id IS NOT NULL;
CREATE INDEX tickets_by_day ON tickets (service_day);
