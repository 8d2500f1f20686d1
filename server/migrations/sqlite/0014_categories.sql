-- Categories managed in the console (/admin/kategori): a category is never
-- deleted; a retired one is refused for new reports and new classifications
-- while the reports that have it keep it.
ALTER TABLE categories ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
