-- 0008: the kiosk's case-status look-up (docs/kiosk.md). Failed look-ups per case
-- number, so that the last four digits of a phone cannot be guessed by trying them
-- all; kept in the database so that a restart does not reset the count.

-- Keyed by the case number of the case found, or by the number as typed (trimmed,
-- upper-case) when there is none: an unknown number is counted the same way.
-- No phone digits are kept.
CREATE TABLE case_status_failures (
  case_number     TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL CHECK (failures >= 0),  -- within the window since window_start
  window_start    INTEGER NOT NULL,                        -- epoch ms of the first failure counted
  locked_until    INTEGER                                  -- epoch ms; refused until then, whatever the digits
) STRICT, WITHOUT ROWID;
