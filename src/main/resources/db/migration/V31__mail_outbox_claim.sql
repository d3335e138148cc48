-- The outbox sends over several connections at once and no longer holds a row lock while the SMTP server talks: a
-- connection claims a mail by moving its next attempt a lease ahead and committing. The claim's token says which
-- sender holds the mail: only that sender marks it sent or failed, and an operator's "send the waiting mails now"
-- leaves mails on their way alone (docs/operations.md, "E-mail"). Null when nobody is sending the mail.
alter table mail_outbox add column claim uuid;
