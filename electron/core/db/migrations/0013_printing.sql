-- 0013: thermal printers and the print queue (docs/receipts.md, "Thermal printing").
-- Every print is a row of print_jobs: what (document kind and reference), where (the
-- printer), by whom, the exact bytes, and how it went. A job that cannot be delivered
-- stays queued and is retried; nothing is deleted, so any job can be printed again.

CREATE TABLE printers (
  id               TEXT PRIMARY KEY,              -- ULID
  name             TEXT NOT NULL,
  -- kiosk: the kiosk's ticket printer; window: a window's receipt printer; office: any other
  role             TEXT NOT NULL CHECK (role IN ('kiosk', 'window', 'office')),
  window_id        TEXT REFERENCES windows (id),
  address          TEXT NOT NULL UNIQUE,          -- tcp://host:port
  paper_width_dots INTEGER NOT NULL DEFAULT 576 CHECK (paper_width_dots IN (384, 576)),
  font_coverage    TEXT NOT NULL DEFAULT 'gb2312' CHECK (font_coverage IN ('gb2312', 'gbk', 'gb18030')),
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at       INTEGER NOT NULL,
  CHECK ((role = 'window') = (window_id IS NOT NULL))
) STRICT;

CREATE TABLE print_jobs (
  id              TEXT PRIMARY KEY,               -- ULID
  document_kind   TEXT NOT NULL CHECK (document_kind IN ('ticket', 'visit_receipt', 'notice', 'test_page')),
  document_ref    TEXT NOT NULL,                  -- the ticket's or the case's id
  document_label  TEXT NOT NULL,                  -- what people read: A012, DEMO-20261124-001
  printer_id      TEXT NOT NULL REFERENCES printers (id),
  requested_by    TEXT REFERENCES staff (id),     -- NULL: the kiosk (nobody signed in)
  requested_role  TEXT NOT NULL CHECK (requested_role IN ('kiosk', 'clerk', 'admin', 'system')),
  requested_at    INTEGER NOT NULL,
  bytes           BLOB NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER,                        -- set while queued
  give_up_at      INTEGER NOT NULL,               -- still queued then: failed
  last_error      TEXT,                           -- a short code (ECONNREFUSED, paper_out …), never content
  printed_at      INTEGER,
  reprint_of      TEXT REFERENCES print_jobs (id),
  CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
  CHECK ((state = 'done') = (printed_at IS NOT NULL))
) STRICT;

-- The worker's next due jobs.
CREATE INDEX print_jobs_due ON print_jobs (next_attempt_at) WHERE state = 'queued';
-- The jobs not finished yet, per printer (printing.status's queue lengths, the restart's requeue).
CREATE INDEX print_jobs_open ON print_jobs (printer_id) WHERE state IN ('queued', 'printing');
-- The history, newest first (ties by id), over a time range.
CREATE INDEX print_jobs_requested ON print_jobs (requested_at, id);
-- The history of one document (a ticket's or a case's jobs), whatever its kind.
CREATE INDEX print_jobs_ref ON print_jobs (document_ref, requested_at);
CREATE INDEX print_jobs_document ON print_jobs (document_kind, document_ref);

-- Each delivery attempt: when, and how it ended.
CREATE TABLE print_attempts (
  job_id      TEXT NOT NULL REFERENCES print_jobs (id),
  attempt     INTEGER NOT NULL CHECK (attempt > 0),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('done', 'error')),
  error       TEXT,
  PRIMARY KEY (job_id, attempt)
) STRICT, WITHOUT ROWID;
