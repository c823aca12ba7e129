-- 0006: the content-category dictionary (内容分类, docs/categories.md). It is replaced
-- as a whole (the shipped seed, an admin's import, later central), and a code used by
-- a past record must stay readable after that: entries are never deleted; an entry
-- the newer dictionary lacks is marked retired by it.

-- Every dictionary that became current, in order: the newest row is the current one.
CREATE TABLE category_dictionaries (
  id          INTEGER PRIMARY KEY,         -- 1, 2, 3 … in the order they became current
  version     TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 64),
  checksum    TEXT NOT NULL CHECK (checksum GLOB 'sha256:*' AND length(checksum) = 71),
  entry_count INTEGER NOT NULL CHECK (entry_count > 0),
  source      TEXT NOT NULL CHECK (source IN ('seed', 'import', 'central')),
  imported_at INTEGER NOT NULL,
  imported_by TEXT REFERENCES staff (id)   -- NULL: the seed, central, or the admin page before admin sign-in
) STRICT;

-- One row per code ever used, with the names of the newest dictionary that had it.
CREATE TABLE categories (
  code        TEXT PRIMARY KEY CHECK (code NOT GLOB '*[^0-9]*' AND length(code) = 2 * level),
  parent_code TEXT REFERENCES categories (code),
  level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  name_zh_cn  TEXT NOT NULL CHECK (length(name_zh_cn) > 0),
  name_zh_hk  TEXT NOT NULL CHECK (length(name_zh_hk) > 0),
  name_en     TEXT NOT NULL CHECK (length(name_en) > 0),
  pinyin      TEXT NOT NULL CHECK (json_valid(pinyin)),   -- the search keys as computed at import (JSON)
  added_in    INTEGER NOT NULL REFERENCES category_dictionaries (id),
  retired_in  INTEGER REFERENCES category_dictionaries (id),  -- NULL: in the current dictionary
  -- The code says the level and the parent: 04 › 0401 › 040101.
  CHECK ((level = 1) = (parent_code IS NULL)),
  CHECK (parent_code IS NULL OR (length(parent_code) = length(code) - 2 AND substr(code, 1, length(parent_code)) = parent_code))
) STRICT, WITHOUT ROWID;
