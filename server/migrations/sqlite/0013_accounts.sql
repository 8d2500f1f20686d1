-- Accounts managed in the console (/admin/pengguna): an account can be
-- deactivated (its sessions end at once and it cannot sign in), and an
-- administrator can give it a temporary password that opens one session,
-- which must change it (`password_state`: set | temporary | temporary_used).
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN password_state TEXT NOT NULL DEFAULT 'set';
