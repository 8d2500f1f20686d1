-- Recaps: each report's milestones as local dates (WIB, UTC+7), kept by the
-- lifecycle as its events are stored (db::reports::insert_event), so the
-- recap's aggregates read one row per report: received, first decision by
-- the coordinator, the latest forwarding and its deadline, the first
-- follow-up after it. Same change as migrations/sqlite/0010_recap.sql.

ALTER TABLE reports ADD COLUMN created_on TEXT;
ALTER TABLE reports ADD COLUMN verified_on TEXT;
ALTER TABLE reports ADD COLUMN dispatched_on TEXT;
ALTER TABLE reports ADD COLUMN response_due TEXT;
ALTER TABLE reports ADD COLUMN responded_on TEXT;

UPDATE reports SET created_on = to_char(to_timestamp(created_at + 25200) AT TIME ZONE 'UTC', 'YYYY-MM-DD');
UPDATE reports SET verified_on = (
    SELECT to_char(to_timestamp(MIN(e.at) + 25200) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM report_events e
    WHERE e.report_id = reports.id AND e.kind IN ('dispatch', 'archive', 'request_info')
);
UPDATE reports SET dispatched_on = (
    SELECT to_char(to_timestamp(MAX(e.at) + 25200) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM report_events e
    WHERE e.report_id = reports.id AND e.kind = 'dispatch'
);
UPDATE reports SET responded_on = (
    SELECT to_char(to_timestamp(MIN(e.at) + 25200) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM report_events e
    WHERE e.report_id = reports.id AND e.kind = 'respond' AND e.at >= (
        SELECT MAX(d.at) FROM report_events d WHERE d.report_id = reports.id AND d.kind = 'dispatch'
    )
);
-- The deadline set at forwarding is known only while it runs.
UPDATE reports SET response_due = due_date WHERE status = 'dispatched';

CREATE INDEX reports_recap_agency ON reports(agency_id, created_at);
CREATE INDEX audit_log_agency_at ON audit_log(agency_id, at);
