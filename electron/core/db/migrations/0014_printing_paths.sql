-- 0014: every printing path (docs/receipts.md): printers reached over USB or through the
-- operating system (HTML printed by the Electron host) beside the network ones, their
-- paper, and jobs that hold an HTML page (with its PDF for the archive) or were handed to
-- the clerk's browser to print (no printer of the hall).
-- SQLite cannot change a CHECK or a NOT NULL in place: print_attempts and print_jobs are
-- rebuilt: children first, and a reprint's link to its original set again only once the
-- rebuilt table has the name (while the old one is dropped, nothing may point at it).

-- roll: the thermal roll (tickets, visit receipts); A4: the letters. A raw (tcp:, usb:) printer is a roll printer.
ALTER TABLE printers ADD COLUMN paper TEXT NOT NULL DEFAULT 'roll'
  CHECK (paper IN ('roll', 'A4') AND (paper = 'roll' OR address LIKE 'system:%'));

CREATE TABLE print_attempts_saved AS SELECT * FROM print_attempts;
CREATE TABLE print_reprints_saved AS SELECT id, reprint_of FROM print_jobs WHERE reprint_of IS NOT NULL;
DROP TABLE print_attempts;

CREATE TABLE print_jobs_v2 (
  id              TEXT PRIMARY KEY,               -- ULID
  document_kind   TEXT NOT NULL CHECK (document_kind IN ('ticket', 'visit_receipt', 'notice', 'test_page')),
  document_ref    TEXT NOT NULL,                  -- the ticket's or the case's id, the printer's for a test page
  document_label  TEXT NOT NULL,                  -- what people read: A012, DEMO-20261124-001
  printer_id      TEXT REFERENCES printers (id),  -- NULL: handed to the clerk's browser to print
  requested_by    TEXT REFERENCES staff (id),     -- NULL: the kiosk (nobody signed in)
  requested_role  TEXT NOT NULL CHECK (requested_role IN ('kiosk', 'clerk', 'admin', 'system')),
  requested_at    INTEGER NOT NULL,
  content_type    TEXT NOT NULL DEFAULT 'escpos' CHECK (content_type IN ('escpos', 'html')),
  bytes           BLOB NOT NULL,                  -- the ESC/POS bytes, or the HTML page (UTF-8)
  pdf             BLOB,                           -- the archive of an HTML page the host printed
  state           TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER,                        -- set while queued
  give_up_at      INTEGER NOT NULL,               -- still queued then: failed
  last_error      TEXT,                           -- a short code (ECONNREFUSED, paper_out …), never content
  printed_at      INTEGER,
  reprint_of      TEXT REFERENCES print_jobs (id),
  CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL)),
  CHECK ((state = 'done') = (printed_at IS NOT NULL)),
  -- The browser's jobs are done when handed over: nothing for the queue to send.
  CHECK (printer_id IS NOT NULL OR (state = 'done' AND content_type = 'html')),
  CHECK (pdf IS NULL OR content_type = 'html')
) STRICT;

INSERT INTO print_jobs_v2 (id, document_kind, document_ref, document_label, printer_id, requested_by, requested_role,
  requested_at, content_type, bytes, pdf, state, attempts, next_attempt_at, give_up_at, last_error, printed_at, reprint_of)
  SELECT id, document_kind, document_ref, document_label, printer_id, requested_by, requested_role,
  requested_at, 'escpos', bytes, NULL, state, attempts, next_attempt_at, give_up_at, last_error, printed_at, NULL
  FROM print_jobs;

DROP TABLE print_jobs;
ALTER TABLE print_jobs_v2 RENAME TO print_jobs;
UPDATE print_jobs SET reprint_of = (SELECT saved.reprint_of FROM print_reprints_saved saved WHERE saved.id = print_jobs.id)
  WHERE id IN (SELECT id FROM print_reprints_saved);
DROP TABLE print_reprints_saved;

CREATE INDEX print_jobs_due ON print_jobs (next_attempt_at) WHERE state = 'queued';
CREATE INDEX print_jobs_open ON print_jobs (printer_id) WHERE state IN ('queued', 'printing');
CREATE INDEX print_jobs_requested ON print_jobs (requested_at, id);
CREATE INDEX print_jobs_ref ON print_jobs (document_ref, requested_at);
CREATE INDEX print_jobs_document ON print_jobs (document_kind, document_ref);

CREATE TABLE print_attempts (
  job_id      TEXT NOT NULL REFERENCES print_jobs (id),
  attempt     INTEGER NOT NULL CHECK (attempt > 0),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('done', 'error')),
  error       TEXT,
  PRIMARY KEY (job_id, attempt)
) STRICT, WITHOUT ROWID;
INSERT INTO print_attempts SELECT * FROM print_attempts_saved;
DROP TABLE print_attempts_saved;
