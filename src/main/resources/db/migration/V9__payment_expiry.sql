-- Checkout sessions the citizen abandoned: the gateway refuses them after its expiry time, so they are closed.
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check check (status in ('PENDING', 'PAID', 'FAILED', 'EXPIRED'));
create index payment_pending on payment (created_at) where status = 'PENDING';
