-- A payment the gateway confirmed for a dossier that no longer awaited it (paid by another attempt, withdrawn in the
-- meantime): kept with the gateway's transaction number for the agency to refund, where the rollback of the
-- refused transition used to lose it. The expiry job closes only PENDING attempts, so these stay.
alter table payment drop constraint payment_status_check;
alter table payment add constraint payment_status_check
    check (status in ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'UNAPPLIED'));
