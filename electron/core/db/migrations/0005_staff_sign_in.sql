-- 0005: clerks sign in. Staff passwords (scrypt, with the parameters they were made
-- with), sessions that survive a restart, and the lockout after failed sign-ins.

-- PHC string: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key> (staff/password-hash.ts).
-- NULL: no password set, the staff member cannot sign in.
ALTER TABLE staff ADD COLUMN password_hash TEXT CHECK (password_hash IS NULL OR password_hash LIKE '$scrypt$%');
ALTER TABLE staff ADD COLUMN password_changed_at INTEGER;

-- Failed sign-ins in a row, per staff number as typed — known or not, so that the
-- lockout does not tell which numbers exist. Cleared by a successful sign-in.
CREATE TABLE sign_in_failures (
  staff_no      TEXT PRIMARY KEY,
  failures      INTEGER NOT NULL CHECK (failures >= 0),  -- since the last success or lockout
  locked_until  INTEGER,                                 -- epoch ms; refused until then, whatever the password
  last_failure_at INTEGER NOT NULL
) STRICT;

-- A signed-in page. Only the SHA-256 of the token is kept: a copy of the database
-- does not sign anyone in. Signing out, or disabling the staff member, deletes the row.
CREATE TABLE staff_sessions (
  token_hash  BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  staff_id    TEXT NOT NULL REFERENCES staff (id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
