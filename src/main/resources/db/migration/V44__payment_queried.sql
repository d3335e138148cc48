-- When the expiry job last asked the gateway about a PENDING attempt (VNPAY's transaction query) before closing it.
-- The stamp claims the attempt while it is asked, so that instances do not ask twice and no transaction stays open
-- during the call, and it spaces the questions about an attempt the gateway gave no answer about.
alter table payment add column queried_at timestamptz;
