-- 0012: the regulation comics (docs/comics.md). A comic pack is stored whole: its
-- manifest (pack.json) and every SVG file's bytes, so that the reader, the kiosk's and
-- the display's attract loops read it from the database whatever folder it came from
-- (the shipped resources/comics/, later the central server). Only verified packs are
-- stored (schema, file hashes, checksum, SVG safety: electron/core/comics/).

-- Every pack version installed; one of each pack id is current (the one the pages show).
CREATE TABLE comic_packs (
  pack_id      TEXT NOT NULL CHECK (length(pack_id) BETWEEN 1 AND 64),
  version      TEXT NOT NULL,                  -- YYYY.MM.N
  checksum     TEXT NOT NULL CHECK (length(checksum) = 64),
  manifest     TEXT NOT NULL,                  -- pack.json as installed (JSON)
  source       TEXT NOT NULL CHECK (source IN ('shipped', 'central')),
  installed_at INTEGER NOT NULL,
  is_current   INTEGER NOT NULL CHECK (is_current IN (0, 1)),
  PRIMARY KEY (pack_id, version)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX comic_packs_current ON comic_packs (pack_id) WHERE is_current = 1;

-- The files of each pack version, with the SHA-256 they were verified against.
CREATE TABLE comic_pack_files (
  pack_id TEXT NOT NULL,
  version TEXT NOT NULL,
  path    TEXT NOT NULL,
  sha256  TEXT NOT NULL CHECK (length(sha256) = 64),
  content BLOB NOT NULL,
  PRIMARY KEY (pack_id, version, path),
  FOREIGN KEY (pack_id, version) REFERENCES comic_packs (pack_id, version) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Reading statistics: one row per panel shown, on which surface, for how long. No
-- person, no session, no device: which explanations people read, how far and how long.
CREATE TABLE comic_reads (
  id           INTEGER PRIMARY KEY,
  pack_id      TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  series_id    TEXT NOT NULL,
  panel_id     TEXT NOT NULL,
  panel_index  INTEGER NOT NULL CHECK (panel_index >= 0),   -- its place in the series (0 = first)
  is_last      INTEGER NOT NULL CHECK (is_last IN (0, 1)),  -- the series' last panel: a finished read in the reader
  revisit      INTEGER NOT NULL CHECK (revisit IN (0, 1)),  -- shown before in the same read (paging back and forth)
  surface      TEXT NOT NULL CHECK (surface IN ('reader', 'kiosk_attract', 'display_attract')),
  duration_ms  INTEGER NOT NULL CHECK (duration_ms BETWEEN 0 AND 600000),
  recorded_at  INTEGER NOT NULL,
  service_day  TEXT NOT NULL CHECK (service_day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
CREATE INDEX comic_reads_day ON comic_reads (service_day, surface);
-- comics.stats: one pack's reads, over all days (no range) or a range of days.
CREATE INDEX comic_reads_pack ON comic_reads (pack_id, service_day);
