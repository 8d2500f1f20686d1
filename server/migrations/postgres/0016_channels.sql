-- Reports from other channels (a letter, the counter, the phone, SMS,
-- e-mail, social media) entered by a coordinator: how each report arrived,
-- and the reporter's other contact (a letter's return address, an account).
-- The day received is the report's `created_on` (migration 0010), which a
-- report entered later sets to the day it was received.
-- Same change as migrations/sqlite/0016_channels.sql.

ALTER TABLE reports ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
ALTER TABLE reports ADD COLUMN reporter_contact TEXT NOT NULL DEFAULT '';

-- The queue's channel filter and the recap's count by channel read the few
-- reports that did not come through the web form from this index alone.
CREATE INDEX reports_other_channels ON reports(channel, created_at, province_code, regency_code, practice_session_id)
    WHERE channel <> 'web';
