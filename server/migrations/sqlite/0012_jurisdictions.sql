-- Jurisdictions: a coordinator's (or supervisor's) region, a province code
-- (`61`) or a regency code (`61.03`); NULL for a national account. Such an
-- account sees, counts and acts only on reports whose region lies in it
-- (server/src/http/admin.rs, recap.rs, audit.rs). Agency admins are scoped by
-- their agency instead.
ALTER TABLE users ADD COLUMN jurisdiction TEXT;
