-- A payment held for reconciliation (RECONCILING) closed by an admin who reconciled it against VNPAY's statement:
-- who, when and as what, so that a second close of the same attempt (a retried post) answers as the first.
alter table payment add column reconciled_by text;
alter table payment add column reconciled_at timestamptz;
alter table payment add column reconciled_as text check (reconciled_as in ('PAID', 'NOT_PAID'));
-- The applicant is told when a held payment is found unpaid: they may pay again.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY', 'PARTY_DECLINED',
    'APPLICANT_WITHDREW', 'CONDITIONS_UNMET', 'APPLICANT_WITHDREW_CONFIRMED', 'PAYMENT_NOT_PAID'));
