-- 0016: retention (docs/retention.md). The daily job anonymises the cases past the
-- hall's retention period (kiosk settings, retentionYears), deletes old kiosk
-- registrations and the visitors no record needs any more, and empties the stored bytes
-- of printed receipts and letters after the reprint window. What it did is marked on the
-- rows it touched, and each run is kept in retention_runs.

-- When the case was anonymised; NULL: never. Its dates, service, category, location,
-- decision and deadlines stay (the statistics count them); its people and text do not.
ALTER TABLE visits ADD COLUMN anonymised_at INTEGER;
-- What the job reads every day: the cases not anonymised yet, oldest first.
CREATE INDEX visits_retention ON visits (received_on) WHERE anonymised_at IS NULL;

-- An attachment of an anonymised case: its encrypted content emptied, its name replaced.
ALTER TABLE visit_attachments ADD COLUMN removed_at INTEGER;

-- A printed receipt or letter whose bytes (and PDF archive) were emptied after the reprint window.
ALTER TABLE print_jobs ADD COLUMN content_removed_at INTEGER;
CREATE INDEX print_jobs_personal_content ON print_jobs (requested_at)
  WHERE content_removed_at IS NULL AND document_kind IN ('visit_receipt', 'notice');

-- Kiosk registrations past the period are deleted, oldest first.
CREATE INDEX ticket_registrations_registered ON ticket_registrations (registered_at);

-- One row per run. Written when the run starts and brought up to date in the transaction
-- of each batch, so that the counts are what was committed even if the run is cut short
-- (finished_at NULL: the next start closes it, `interrupted`).
CREATE TABLE retention_runs (
  id                       INTEGER PRIMARY KEY,
  source                   TEXT NOT NULL CHECK (source IN ('schedule', 'admin')),   -- the daily run, or retention.runNow
  actor_id                 TEXT REFERENCES staff (id),      -- the admin who ran it; NULL: the schedule
  started_at               INTEGER NOT NULL,
  finished_at              INTEGER,
  interrupted              INTEGER NOT NULL DEFAULT 0 CHECK (interrupted IN (0, 1)),
  retention_years          INTEGER NOT NULL CHECK (retention_years >= 1),
  cases_before             INTEGER NOT NULL,                -- epoch ms: last activity before this is past the period
  printed_before           INTEGER NOT NULL,                -- epoch ms: receipts and letters printed before this lose their bytes
  cases_anonymised         INTEGER NOT NULL DEFAULT 0,
  attachments_removed      INTEGER NOT NULL DEFAULT 0,
  registrations_deleted    INTEGER NOT NULL DEFAULT 0,
  visitors_deleted         INTEGER NOT NULL DEFAULT 0,
  print_contents_removed   INTEGER NOT NULL DEFAULT 0,
  lookup_failures_deleted  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The timeline stays append-only, with one exception: the free text of a step (its note,
-- the reason of an extension) of a case already anonymised may be replaced by the marker
-- 〔已匿名〕, nothing else changed (retention-store.ts writes exactly that). The type, the
-- dates and everything the deadlines are computed from stay as recorded.
DROP TRIGGER visit_events_no_update;
CREATE TRIGGER visit_events_no_update BEFORE UPDATE ON visit_events
WHEN NOT (
  (SELECT anonymised_at FROM visits WHERE id = old.visit_id) IS NOT NULL
  AND new.id = old.id AND new.visit_id = old.visit_id AND new.type = old.type AND new.date = old.date
  AND new.actor_id = old.actor_id AND new.recorded_at = old.recorded_at
  AND new.note IS (CASE WHEN old.note IS NULL THEN NULL ELSE '〔已匿名〕' END)
  AND new.details = (CASE WHEN old.type = 'extended' THEN json_set(old.details, '$.reason', '〔已匿名〕') ELSE old.details END)
)
BEGIN SELECT RAISE(ABORT, 'visit_events is append-only'); END;

-- Nothing new is written to a case once it is anonymised: a note, a step, a tag, a decision,
-- a file or a person added afterwards (a desk that had the case open when the job ran) would
-- be personal data the job never looks at again. The dispatcher words the refusal
-- (CONFLICT_case_anonymised).
CREATE TRIGGER visit_events_not_after_anonymised BEFORE INSERT ON visit_events
  WHEN (SELECT anonymised_at FROM visits WHERE id = new.visit_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'case_anonymised'); END;
CREATE TRIGGER visit_tags_not_after_anonymised BEFORE INSERT ON visit_tags
  WHEN (SELECT anonymised_at FROM visits WHERE id = new.visit_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'case_anonymised'); END;
CREATE TRIGGER visit_decisions_not_after_anonymised BEFORE INSERT ON visit_decisions
  WHEN (SELECT anonymised_at FROM visits WHERE id = new.visit_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'case_anonymised'); END;
CREATE TRIGGER visit_attachments_not_after_anonymised BEFORE INSERT ON visit_attachments
  WHEN (SELECT anonymised_at FROM visits WHERE id = new.visit_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'case_anonymised'); END;
CREATE TRIGGER visit_people_not_after_anonymised BEFORE INSERT ON visit_people
  WHEN (SELECT anonymised_at FROM visits WHERE id = new.visit_id) IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'case_anonymised'); END;
