-- 0007: the case record (来访登记, docs/visits.md). A visit registered at the hall and
-- its timeline: every deadline of the 《信访工作条例》 is computed from the timeline
-- (shared/domain/case-deadlines.ts), never stored.

CREATE TABLE visits (
  id                TEXT PRIMARY KEY,        -- ULID
  site_code         TEXT NOT NULL CHECK (length(site_code) > 0),
  received_on       TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- the hall's service day
  seq               INTEGER NOT NULL CHECK (seq >= 1),  -- per site and received day
  case_number       TEXT NOT NULL UNIQUE,    -- <site>-<yyyymmdd>-<seq>, until central assigns one
  official_number   TEXT UNIQUE,             -- the number central assigns later; NULL until then
  ticket_id         TEXT REFERENCES tickets (id),       -- the queue ticket it came from, if any
  visitor_id        TEXT REFERENCES visitors (id),      -- NULL only when name / address are unclear
  identity_unclear  INTEGER NOT NULL CHECK (identity_unclear IN (0, 1)),
  registered_by     TEXT NOT NULL REFERENCES staff (id),
  registered_at     INTEGER NOT NULL,
  form              TEXT NOT NULL CHECK (form IN ('walk_in')),  -- 走访; letters, calls, online later
  people_count      INTEGER NOT NULL CHECK (people_count >= 1),
  representatives   INTEGER CHECK (representatives IS NULL OR representatives BETWEEN 1 AND 5),
  problem_location  TEXT NOT NULL CHECK (length(problem_location) > 0),  -- free text until the street / community list
  purpose           TEXT NOT NULL CHECK (purpose IN ('seek_resolution', 'opinion_suggestion', 'appeal', 'report_accusation', 'other')),
  matter_class      TEXT NOT NULL CHECK (matter_class IN ('suggestion_opinion', 'report_accusation', 'appeal_request')),
  service_id        TEXT NOT NULL REFERENCES services (id),
  category_code     TEXT NOT NULL REFERENCES categories (code),
  summary           TEXT NOT NULL CHECK (length(summary) > 0),
  request           TEXT NOT NULL CHECK (length(request) > 0),
  facts_and_reasons TEXT NOT NULL,
  first_time        INTEGER NOT NULL CHECK (first_time IN (0, 1)),
  joint_or_group    INTEGER NOT NULL CHECK (joint_or_group IN (0, 1)),
  receiver          TEXT NOT NULL CHECK (receiver IN ('petition_department', 'other_organ')),
  UNIQUE (site_code, received_on, seq),
  -- 《信访工作条例》 art. 20: more than five elect representatives, at most five.
  CHECK (people_count <= 5 OR representatives IS NOT NULL),
  CHECK (representatives IS NULL OR representatives <= people_count),
  CHECK ((visitor_id IS NULL) = (identity_unclear = 1))
) STRICT;
CREATE INDEX visits_visitor ON visits (visitor_id, received_on) WHERE visitor_id IS NOT NULL;
CREATE INDEX visits_registered_by ON visits (registered_by, received_on);

-- The case timeline (case-timeline.ts), in the order it was recorded: append-only.
-- `details` holds the event's fields other than type and date (days, reason, receivedOn,
-- deliveredOn, endDate, by), so that {type, date, ...details} is the CaseEvent itself.
CREATE TABLE visit_events (
  id          INTEGER PRIMARY KEY,           -- the order of the timeline
  visit_id    TEXT NOT NULL REFERENCES visits (id),
  type        TEXT NOT NULL CHECK (type IN ('received', 'transferred', 'assigned', 'jurisdiction_objection', 'accepted',
                'not_accepted', 'extended', 'replied', 'review_requested', 'review_answered', 'final_review_requested',
                'final_review_hearing', 'final_review_answered', 'closed')),
  date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  details     TEXT NOT NULL CHECK (json_valid(details) AND json_type(details) = 'object'),
  actor_id    TEXT NOT NULL REFERENCES staff (id),
  note        TEXT,
  recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX visit_events_visit ON visit_events (visit_id, id);

-- A timeline is evidence of what the hall did when: corrections are new events, never edits.
CREATE TRIGGER visit_events_no_update BEFORE UPDATE ON visit_events
BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
CREATE TRIGGER visit_events_no_delete BEFORE DELETE ON visit_events
BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;
