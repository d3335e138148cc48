-- Marriage: both parties are told, each only of their own record, when the register's conditions ended the dossier
-- at the partner's confirmation: a kind of its own.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY', 'PARTY_DECLINED',
    'APPLICANT_WITHDREW', 'CONDITIONS_UNMET'));
