-- 0017: the failure counters keep a keyed hash of what was typed, never the text
-- (docs/security.md, "The leak test"). The staff-number field of a sign-in and the
-- case-number field of the kiosk's case look-up take whatever is typed: a visitor's ID
-- or phone number typed in the wrong place lay in these tables in plain text. The key is
-- now HMAC-SHA256 under a key derived from the site's data key
-- (PersonalDataCrypto.failureCounterKey).
--
-- SQL cannot compute that key, so the counts of before are dropped: they are short-lived
-- (a lockout lasts 15 minutes), and a number locked now can be tried again at once.
-- secure_delete for this migration only: the old rows are overwritten with zeros instead
-- of staying in the file's free pages; then back to SQLite's default (off), which
-- database.ts keeps.
PRAGMA secure_delete = ON;
DELETE FROM sign_in_failures;
DROP TABLE sign_in_failures;
DELETE FROM case_status_failures;
DROP TABLE case_status_failures;
PRAGMA secure_delete = OFF;

-- Failed sign-ins in a row, per staff number as typed — known or not, so that the
-- lockout does not tell which numbers exist. Cleared by a successful sign-in.
CREATE TABLE sign_in_failures (
  staff_no_key    BLOB PRIMARY KEY CHECK (length(staff_no_key) = 32),  -- HMAC-SHA256 of the staff number as typed
  failures        INTEGER NOT NULL CHECK (failures >= 0),  -- since the last success or lockout
  locked_until    INTEGER,                                 -- epoch ms; refused until then, whatever the password
  last_failure_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Failed case-status look-ups per case number (0008): keyed by the case number of the
-- case found, or by the number as typed (trimmed, upper-case) when there is none.
CREATE TABLE case_status_failures (
  case_number_key BLOB PRIMARY KEY CHECK (length(case_number_key) = 32),  -- HMAC-SHA256 of that number
  failures        INTEGER NOT NULL CHECK (failures >= 0),  -- within the window since window_start
  window_start    INTEGER NOT NULL,                        -- epoch ms of the first failure counted
  locked_until    INTEGER                                  -- epoch ms; refused until then, whatever the digits
) STRICT, WITHOUT ROWID;
