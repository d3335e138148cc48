-- The other party (the marriage partner) is told when the applicant withdraws the dossier that waited for their
-- confirmation: a kind of its own.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY', 'PARTY_DECLINED',
    'APPLICANT_WITHDREW'));
