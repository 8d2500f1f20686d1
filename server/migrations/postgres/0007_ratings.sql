-- The reporter's rating (1–5) of the follow-up, with its comment, given when
-- accepting it; and which attachments an event posted (the agency's files of
-- a follow-up). `event_id` is NULL for the reporter's own files.
-- Same change as migrations/sqlite/0007_ratings.sql.

ALTER TABLE reports ADD COLUMN rating BIGINT;
ALTER TABLE reports ADD COLUMN rating_comment TEXT;
ALTER TABLE report_attachments ADD COLUMN event_id BIGINT REFERENCES report_events(id);
CREATE INDEX report_attachments_event ON report_attachments(event_id);
