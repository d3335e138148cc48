-- The outbox claims the first due mail in (next_attempt_at, id) order. With the index on next_attempt_at alone,
-- mails sharing one next_attempt_at (queued again together by one UPDATE, or queued in one transaction) were sorted
-- as a whole for every single claim: with 8,000 of them a claim took 80 ms and spilled its sort to disk
-- (docs/performance.md, "Eighth round"). With id in the index the first due mail is the index's first entry.
drop index mail_outbox_due;
create index mail_outbox_due on mail_outbox (next_attempt_at, id) where sent_at is null;
