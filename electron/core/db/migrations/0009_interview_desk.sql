-- 0009: the interview desk (docs/visits.md): the hall's street / community list, the
-- people on a case, its tags, the desk's decision, attachments, satisfaction ratings and
-- the audit log of unmasking.

-- 问题属地: the streets and communities of the hall's area (docs/locations.md). Codes a
-- newer list lacks are retired, never deleted: past cases keep their location.
CREATE TABLE locations (
  code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 32),
  parent_code TEXT REFERENCES locations (code),
  level       TEXT NOT NULL CHECK (level IN ('street', 'community')),
  name_zh_cn  TEXT NOT NULL CHECK (length(name_zh_cn) > 0),
  name_zh_hk  TEXT NOT NULL CHECK (length(name_zh_hk) > 0),
  name_en     TEXT NOT NULL CHECK (length(name_en) > 0),
  position    INTEGER NOT NULL,             -- the order of the file it came from
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  CHECK ((level = 'street') = (parent_code IS NULL))
) STRICT;

-- The main visitor's address, and the location as a code of the list. Cases registered
-- before this migration keep their free-text location and have no code.
ALTER TABLE visits ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN problem_location_code TEXT REFERENCES locations (code);
CREATE INDEX visits_location ON visits (problem_location_code, received_on) WHERE problem_location_code IS NOT NULL;
CREATE INDEX visits_received ON visits (received_on);
-- A ticket's case (the rating of the visitor at a window finds it).
CREATE INDEX visits_ticket ON visits (ticket_id, registered_at) WHERE ticket_id IS NOT NULL;

-- Everyone listed on a case, the main visitor at position 0 (art. 20: five at most).
CREATE TABLE visit_people (
  visit_id   TEXT NOT NULL REFERENCES visits (id),
  position   INTEGER NOT NULL CHECK (position BETWEEN 0 AND 4),
  visitor_id TEXT NOT NULL REFERENCES visitors (id),
  address    TEXT NOT NULL,
  PRIMARY KEY (visit_id, position),
  UNIQUE (visit_id, visitor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_people_visitor ON visit_people (visitor_id);

-- 积案 / 六无 / 三跨三分离 / 领导包案 (with the leader who owns the case).
CREATE TABLE visit_tags (
  visit_id TEXT NOT NULL REFERENCES visits (id),
  kind     TEXT NOT NULL CHECK (kind IN ('backlog', 'six_without', 'three_cross', 'leader_owned')),
  leader   TEXT,
  PRIMARY KEY (visit_id, kind),
  CHECK ((kind = 'leader_owned') = (leader IS NOT NULL AND length(leader) > 0))
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_tags_kind ON visit_tags (kind);

-- The desk's decision (shared/domain/desk-decision.ts): one per case, taken once; its
-- timeline steps are in visit_events, written in the same transaction.
CREATE TABLE visit_decisions (
  visit_id        TEXT PRIMARY KEY REFERENCES visits (id),
  kind            TEXT NOT NULL CHECK (kind IN ('answered_on_spot', 'accepted', 'transferred', 'assigned', 'not_accepted',
                    'mediation', 'referred_service')),
  decision        TEXT NOT NULL CHECK (json_valid(decision) AND json_extract(decision, '$.kind') = kind),  -- the DeskDecision as given
  basis_article   INTEGER NOT NULL,
  basis_paragraph INTEGER,
  basis_item      INTEGER,
  decided_by      TEXT NOT NULL REFERENCES staff (id),
  decided_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX visit_decisions_kind ON visit_decisions (kind, decided_at);

-- Scanned documents and photos: the content encrypted with the data key (it holds ID
-- cards and letters), the SHA-256 of the plain content beside it. Kept in the database
-- so that a case and its files are written, backed up and restored together.
CREATE TABLE visit_attachments (
  id          TEXT PRIMARY KEY,             -- ULID
  visit_id    TEXT NOT NULL REFERENCES visits (id),
  file_name   TEXT NOT NULL CHECK (length(file_name) > 0),
  media_type  TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size        INTEGER NOT NULL CHECK (size > 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  content_enc BLOB NOT NULL,
  added_by    TEXT NOT NULL REFERENCES staff (id),
  added_at    INTEGER NOT NULL,
  UNIQUE (visit_id, sha256)
) STRICT;
CREATE INDEX visit_attachments_visit ON visit_attachments (visit_id, added_at);

-- Satisfaction (art. 21, docs/ratings.md). A request asks the rating tablet of a window;
-- at most one open request per window; a rating answers one request.
CREATE TABLE rating_requests (
  id           TEXT PRIMARY KEY,            -- ULID
  window_id    TEXT NOT NULL REFERENCES windows (id),
  visit_id     TEXT REFERENCES visits (id),
  ticket_id    TEXT REFERENCES tickets (id),
  staff_id     TEXT NOT NULL REFERENCES staff (id),
  service_id   TEXT REFERENCES services (id),
  requested_at INTEGER NOT NULL,
  service_day  TEXT NOT NULL CHECK (service_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  state        TEXT NOT NULL CHECK (state IN ('open', 'rated', 'replaced')),
  closed_at    INTEGER
) STRICT;
CREATE UNIQUE INDEX rating_requests_open ON rating_requests (window_id) WHERE state = 'open';
CREATE INDEX rating_requests_day ON rating_requests (service_day);
-- A case's rating (visits.get): found by the case, not by reading every request.
CREATE INDEX rating_requests_visit ON rating_requests (visit_id) WHERE visit_id IS NOT NULL;

CREATE TABLE ratings (
  request_id TEXT PRIMARY KEY REFERENCES rating_requests (id),
  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  reasons    TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
  rated_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The audit log (DESIGN.md §6): append-only and hash-chained — each row carries an
-- HMAC-SHA256, under a key derived from the data key, of the previous row's hash and its
-- own content, so that an altered or removed row breaks the chain for whoever holds the
-- key (audit/audit-log.ts; issue 9 adds `npm run audit:verify`). No personal data in
-- `details`: the subject is named by its id.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,           -- 1, 2, 3 … the order of the chain
  at         INTEGER NOT NULL,
  actor_id   TEXT REFERENCES staff (id),    -- NULL: the system, or a page not signed in
  action     TEXT NOT NULL CHECK (length(action) > 0),
  subject    TEXT NOT NULL,                 -- e.g. visitor:<ulid>
  details    TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
  prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash       TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
