-- The other party who confirmed a dossier (the marriage partner) is told how the agency decided it: refused at
-- intake, stopped, completed, result handed over; the outcome only, never the reason written to the applicant.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY', 'PARTY_DECLINED',
    'APPLICANT_WITHDREW', 'CONDITIONS_UNMET', 'APPLICANT_WITHDREW_CONFIRMED', 'PAYMENT_NOT_PAID', 'CONFIRMED_REFUSED', 'CONFIRMED_STOPPED',
    'CONFIRMED_COMPLETED', 'CONFIRMED_RETURNED'));
