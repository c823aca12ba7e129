-- 0010: case search (docs/search.md). Names and content through two FTS5 indexes whose
-- tokens are every character and every pair of neighbouring characters (so one- and
-- two-character queries are exact, longer ones are checked against the text), made by
-- the JS function search_tokens() that openDatabase registers on the connection. The
-- triggers below keep both indexes in the transaction of every write that changes
-- them; a connection without the function cannot write a case at all, rather than
-- leave the index behind. ID and phone numbers are never here: they are found through
-- their keyed hash (visitors.id_number_index, phone_index).

-- One row per case: `doc` is the case's row in both indexes, numbered in registration
-- order, so that "newest first" is the indexes' own order. (The implicit rowid of
-- `visits` would not do: VACUUM may renumber it.)
CREATE TABLE search_docs (
  doc      INTEGER PRIMARY KEY,
  visit_id TEXT NOT NULL UNIQUE REFERENCES visits (id)
) STRICT;

-- Contentless (the text stays in visits and visitors), rowids only (detail=none): a
-- token present or not is all a query asks. Tokens are spelled in [0-9a-z] only.
CREATE VIRTUAL TABLE search_names USING fts5 (tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
CREATE VIRTUAL TABLE search_content USING fts5 (tokens, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');

-- Everyone listed on a case: the people of visit_people (0009), and the main visitor
-- of visits.visitor_id (the only one on a case registered before 0009).
CREATE VIEW search_case_names (visit_id, names) AS
  SELECT v.id, (SELECT group_concat(p.name, char(10)) FROM visitors p
                WHERE p.id IN (SELECT v.visitor_id UNION SELECT visitor_id FROM visit_people WHERE visit_id = v.id))
  FROM visits v;

-- Cases registered before this migration: numbered here in registration order (ULIDs
-- sort by time), their tokens written by the core at start (search-index.ts), which
-- then empties this table. Needs JS, hence not here.
CREATE TABLE search_backlog (visit_id TEXT PRIMARY KEY REFERENCES visits (id)) STRICT, WITHOUT ROWID;
INSERT INTO search_docs (visit_id) SELECT id FROM visits ORDER BY id;
INSERT INTO search_backlog (visit_id) SELECT id FROM visits;

-- Case numbers and official numbers, exact or by prefix, ignoring case.
CREATE INDEX visits_case_number_nocase ON visits (case_number COLLATE NOCASE);
CREATE INDEX visits_official_number_nocase ON visits (official_number COLLATE NOCASE) WHERE official_number IS NOT NULL;

CREATE TRIGGER search_case_registered AFTER INSERT ON visits
BEGIN
  INSERT INTO search_docs (visit_id) VALUES (new.id);
  INSERT INTO search_content (rowid, tokens)
    SELECT doc, search_tokens(new.summary, new.request, new.facts_and_reasons) FROM search_docs WHERE visit_id = new.id;
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id WHERE d.visit_id = new.id;
END;

CREATE TRIGGER search_case_content_changed AFTER UPDATE OF summary, request, facts_and_reasons ON visits
BEGIN
  DELETE FROM search_content WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = new.id);
  INSERT INTO search_content (rowid, tokens)
    SELECT doc, search_tokens(new.summary, new.request, new.facts_and_reasons) FROM search_docs WHERE visit_id = new.id;
END;

CREATE TRIGGER search_case_visitor_changed AFTER UPDATE OF visitor_id ON visits
BEGIN
  DELETE FROM search_names WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = new.id);
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id WHERE d.visit_id = new.id;
END;

CREATE TRIGGER search_case_removed BEFORE DELETE ON visits
BEGIN
  DELETE FROM search_content WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = old.id);
  DELETE FROM search_names WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = old.id);
  DELETE FROM search_backlog WHERE visit_id = old.id;
  DELETE FROM search_docs WHERE visit_id = old.id;
END;

-- A person listed besides the main visitor (already indexed with the case).
CREATE TRIGGER search_person_listed AFTER INSERT ON visit_people
WHEN new.visitor_id IS NOT (SELECT visitor_id FROM visits WHERE id = new.visit_id)
BEGIN
  DELETE FROM search_names WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = new.visit_id);
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id WHERE d.visit_id = new.visit_id;
END;

CREATE TRIGGER search_person_changed AFTER UPDATE OF visit_id, visitor_id ON visit_people
BEGIN
  DELETE FROM search_names WHERE rowid IN (SELECT doc FROM search_docs WHERE visit_id IN (old.visit_id, new.visit_id));
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id
    WHERE d.visit_id IN (old.visit_id, new.visit_id);
END;

CREATE TRIGGER search_person_unlisted AFTER DELETE ON visit_people
BEGIN
  DELETE FROM search_names WHERE rowid = (SELECT doc FROM search_docs WHERE visit_id = old.visit_id);
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id WHERE d.visit_id = old.visit_id;
END;

-- A visitor renamed (the kiosk or the desk registering them again): every case they
-- are listed on is found under the new name, and no longer under the old one.
CREATE TRIGGER search_visitor_renamed AFTER UPDATE OF name ON visitors
WHEN old.name IS NOT new.name
BEGIN
  DELETE FROM search_names WHERE rowid IN (SELECT d.doc FROM search_docs d WHERE d.visit_id IN (
    SELECT id FROM visits WHERE visitor_id = new.id UNION SELECT visit_id FROM visit_people WHERE visitor_id = new.id));
  INSERT INTO search_names (rowid, tokens)
    SELECT d.doc, search_tokens(n.names) FROM search_docs d JOIN search_case_names n ON n.visit_id = d.visit_id
    WHERE d.visit_id IN (SELECT id FROM visits WHERE visitor_id = new.id UNION SELECT visit_id FROM visit_people WHERE visitor_id = new.id);
END;
