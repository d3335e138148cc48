-- Payment attempts held for people to reconcile against VNPAY's statement, neither paid nor unpaid: VNPAY took the
-- money but holds the transaction as suspected fraud (transaction status 07), or it gave no verdict on the attempt
-- for as long as the expiry job asks (portal.payment.reconcile-after). Not expired, so the citizen is not told to pay
-- again; while one is held a dossier takes no new attempt.
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check
    check (status in ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'UNAPPLIED', 'RECONCILING'));
-- Why and since when it was held; kept when a late confirmation settles it after all.
alter table payment add column reconcile_reason text
    check (reconcile_reason in ('SUSPECTED_FRAUD', 'NO_VERDICT'));
alter table payment add column reconcile_since timestamptz;
create index payment_to_reconcile on payment (created_at) where status in ('RECONCILING', 'UNAPPLIED');
