-- Reset and invitation emails stored before the outbox masked their links (lib/mail/outbox.ts): the token in
-- the stored text is masked, so no admin can read a working link any more. A link not yet sent is then no
-- longer deliverable; its owner asks for a new one.
UPDATE "mail_outbox"
SET "text_body" = regexp_replace("text_body", '(/reset-password\?token=)[A-Za-z0-9_-]+', '\1[hidden until sent]', 'g')
WHERE "text_body" ~ '/reset-password\?token=[A-Za-z0-9_-]+';
