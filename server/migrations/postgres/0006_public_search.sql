-- The public list (GET /api/v1/public/reports, Open311): full-text search
-- over reports(title, body) and the indexes that keep keyset pages fast.
-- Same change as migrations/sqlite/0006_public_search.sql (where the search
-- is an FTS5 external-content table kept in step by triggers).

-- Words of title and body, `simple` configuration (no stemming: Indonesian
-- has no PostgreSQL dictionary; lowercased words), kept by PostgreSQL itself.
ALTER TABLE reports ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || ' ' || body)) STORED;
CREATE INDEX reports_search ON reports USING GIN (search);

-- Keyset pages: (sort key, id) in each order, overall and per region.
CREATE INDEX reports_created ON reports(created_at, id);
CREATE INDEX reports_updated ON reports(updated_at, id);
CREATE INDEX reports_province_created ON reports(province_code, created_at, id);
CREATE INDEX reports_regency_created ON reports(regency_code, created_at, id);
CREATE INDEX reports_district_created ON reports(district_code, created_at, id);
CREATE INDEX reports_category ON reports(category_id);
