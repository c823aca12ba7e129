-- 0004: kiosk self-registration. Visitors with their ID and phone numbers encrypted
-- (AES-256-GCM envelopes, privacy/personal-data-crypto.ts) and a keyed hash (HMAC
-- blind index) beside each for exact look-up; the registration a ticket was taken with.

CREATE TABLE visitors (
  id              TEXT PRIMARY KEY,        -- ULID
  id_number_enc   BLOB NOT NULL,           -- encrypted, normalised ID number
  id_number_index BLOB NOT NULL UNIQUE,    -- HMAC-SHA256 of the normalised ID number: one visitor per ID
  phone_enc       BLOB,                    -- encrypted mobile number (digits only); NULL: none given
  phone_index     BLOB,
  name            TEXT NOT NULL CHECK (length(name) > 0),  -- plain text: names are searched (FTS, later)
  language        TEXT NOT NULL CHECK (language IN ('zh-CN', 'zh-HK', 'en')),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK ((phone_enc IS NULL) = (phone_index IS NULL))
) STRICT;
CREATE INDEX visitors_phone ON visitors (phone_index) WHERE phone_index IS NOT NULL;

-- What a visitor told the kiosk when taking a number. One row per kiosk ticket: a
-- transfer's new ticket finds it by following tickets.transferred_from back.
CREATE TABLE ticket_registrations (
  id                TEXT PRIMARY KEY,      -- ULID
  ticket_id         TEXT NOT NULL UNIQUE REFERENCES tickets (id),
  visitor_id        TEXT REFERENCES visitors (id),  -- NULL: "I prefer to register at the window"
  party_size        INTEGER NOT NULL CHECK (party_size >= 1),
  representatives   INTEGER CHECK (representatives IS NULL OR representatives BETWEEN 1 AND 5),
  language          TEXT NOT NULL CHECK (language IN ('zh-CN', 'zh-HK', 'en')),
  declared_priority TEXT CHECK (declared_priority IS NULL OR declared_priority IN ('disabled', 'pregnant', 'service_member')),
  registered_at     INTEGER NOT NULL,
  -- 《信访工作条例》 art. 20: more than five elect representatives, at most five.
  CHECK (party_size <= 5 OR representatives IS NOT NULL),
  CHECK (representatives IS NULL OR representatives <= party_size)
) STRICT;
CREATE INDEX ticket_registrations_visitor ON ticket_registrations (visitor_id, registered_at) WHERE visitor_id IS NOT NULL;

-- Kept on the ticket (and copied to a transfer's new ticket) so that every ticket
-- list shows it without a join; written in the same transaction as the registration.
ALTER TABLE tickets ADD COLUMN registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1));
-- Following a transfer forward (the visitor's QR page) and back (the registration).
CREATE INDEX tickets_transferred_from ON tickets (transferred_from) WHERE transferred_from IS NOT NULL;
