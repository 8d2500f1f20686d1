-- Recaps over a large dataset: every column the recap's aggregates read
-- (server/src/db/recap.rs) in two covering indexes, so a province-year or a
-- national period is counted by index-only scans without visiting the wide
-- report rows (title, body): one for a province's period (a regency's too:
-- its province is in the condition), one for the whole country.
-- Same change as migrations/sqlite/0011_recap_covering.sql.

CREATE INDEX reports_recap_province ON reports(province_code, created_at) INCLUDE (
    regency_code, district_code, practice_session_id, status, kind, category_id, agency_id, created_on,
    verified_on, dispatched_on, response_due, responded_on, due_date, rating
);
CREATE INDEX reports_recap_national ON reports(created_at) INCLUDE (
    practice_session_id, province_code, regency_code, district_code, status, kind, category_id, agency_id,
    created_on, verified_on, dispatched_on, response_due, responded_on, due_date, rating
);
