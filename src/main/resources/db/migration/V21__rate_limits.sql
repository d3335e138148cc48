-- Rate limits per person (docs/security.md, "Limits, sessions and faults"): one row per counted action, kept in the
-- database so that every portal instance sees the same count. Rows older than the window are deleted as new ones come.
CREATE TABLE rate_limit_event (
    subject    text        NOT NULL,   -- the person's personal ID number (or staff login)
    action     text        NOT NULL,   -- SUBMISSION, UPLOAD
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_event_recent ON rate_limit_event (subject, action, at);
