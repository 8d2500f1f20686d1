-- The public list (GET /api/v1/public/reports, Open311): full-text search
-- over reports(title, body) and the indexes that keep keyset pages fast.
-- Same change as migrations/postgres/0006_public_search.sql (where the
-- search is a tsvector column with a GIN index).

-- FTS5 external-content table over reports: the text stays in `reports`,
-- the index is kept in step by the triggers below (rowid = reports.id).
CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, body,
    content='reports', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO reports_fts(reports_fts) VALUES ('rebuild');

CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, body ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO reports_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Keyset pages: (sort key, id) in each order, overall and per region.
CREATE INDEX reports_created ON reports(created_at, id);
CREATE INDEX reports_updated ON reports(updated_at, id);
CREATE INDEX reports_province_created ON reports(province_code, created_at, id);
CREATE INDEX reports_regency_created ON reports(regency_code, created_at, id);
CREATE INDEX reports_district_created ON reports(district_code, created_at, id);
CREATE INDEX reports_category ON reports(category_id);
