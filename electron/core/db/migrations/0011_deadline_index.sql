-- 0011: the deadline index (docs/visits.md, "Scale"). Every deadline of every case as
-- computed from its timeline and the working-day calendar (case-deadlines.ts), kept
-- beside the timeline so that the due list and the KPIs read the few cases that matter
-- instead of computing every timeline of the hall. It holds nothing that depends on
-- "today": the state (due soon, overdue …) is computed when asked. Rebuilt when the
-- calendar changes (deadline_index_state); refreshed in the transaction of every
-- timeline write.
CREATE TABLE visit_deadlines (
  visit_id  TEXT NOT NULL REFERENCES visits (id),
  position  INTEGER NOT NULL,               -- its place in the case's list of deadlines
  kind      TEXT NOT NULL,
  nature    TEXT NOT NULL CHECK (nature IN ('duty', 'window')),
  due_date  TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  met_on    TEXT,                           -- the date of the step that met it; NULL: not met
  waived    INTEGER NOT NULL CHECK (waived IN (0, 1)),
  PRIMARY KEY (visit_id, position)
) STRICT, WITHOUT ROWID;
-- What the due list reads: deadlines not met, by nature and last day. A window nobody
-- used (复查 not requested) stays unmet for ever: the due list reads windows only from
-- today on, duties however late.
CREATE INDEX visit_deadlines_open ON visit_deadlines (nature, due_date) WHERE met_on IS NULL AND waived = 0;
-- What 按期办结率 reads: handling deadlines due, or met, in a period.
CREATE INDEX visit_deadlines_handling_due ON visit_deadlines (due_date) WHERE kind = 'handling';
CREATE INDEX visit_deadlines_handling_met ON visit_deadlines (met_on) WHERE kind = 'handling' AND met_on IS NOT NULL;

-- The calendar the index was computed with: a different one (a new year's holidays)
-- rebuilds it at start-up.
CREATE TABLE deadline_index_state (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  calendar_checksum TEXT NOT NULL
) STRICT;
