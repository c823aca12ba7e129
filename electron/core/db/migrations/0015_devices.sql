-- 0015: devices on the hall's network (docs/security.md, "Devices"). A kiosk, display,
-- rating tablet or clerk PC that reaches the hub over the LAN pairs with a one-time code
-- and then carries a device token bound to one role. Tokens are kept as SHA-256 hashes,
-- codes as an HMAC under a key of the running host (device-service.ts): the database
-- never holds a token or a code.

CREATE TABLE devices (
  id           TEXT PRIMARY KEY,                 -- ULID
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('kiosk', 'rating', 'display', 'clerk', 'admin')),
  token_hash   TEXT NOT NULL UNIQUE,
  paired_at    INTEGER NOT NULL,
  paired_by    TEXT REFERENCES staff (id),       -- who made the code
  last_seen_at INTEGER,
  revoked_at   INTEGER,
  revoked_by   TEXT REFERENCES staff (id)
) STRICT;

CREATE TABLE pairing_codes (
  code_hash  TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('kiosk', 'rating', 'display', 'clerk', 'admin')),
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT REFERENCES staff (id),
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,                            -- once: then it pairs nothing more
  device_id  TEXT REFERENCES devices (id)
) STRICT;

-- Wrong codes in a row (one row): ten void every open code.
CREATE TABLE pairing_failures (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  failures INTEGER NOT NULL CHECK (failures >= 0)
) STRICT;
INSERT INTO pairing_failures (id, failures) VALUES (1, 0);
