-- Rate limits (docs/security.md, "Rate limits per person"): one row per person and action holding the times of the
-- actions in the window, instead of a row per action. A new action updates the person's row in the statement that
-- counts it (INSERT ... ON CONFLICT DO UPDATE locks the row and sees its latest version), where before it took an
-- advisory lock, counted the person's rows in one statement and inserted one in the next, each with an index entry
-- (docs/performance.md, "Thirteenth round"). The window stays exact: the times are kept, not a counter.
create table rate_limit (
    subject text          not null,   -- the person's personal ID number (or staff login)
    action  text          not null,   -- SUBMISSION, UPLOAD
    times   timestamptz[] not null,   -- the person's actions in the window (and older ones until their next action)
    primary key (subject, action)
);

insert into rate_limit (subject, action, times)
select subject, action, array_agg(at order by at) from rate_limit_event group by subject, action;

-- rate_limit_event stays for instances of the previous release, which count there while a rolling upgrade runs both
-- (docs/operations.md, "Upgrading with instances of two releases running at once"); a later release drops it.
