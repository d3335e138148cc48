-- The other party (the marriage partner) is told when the applicant withdraws the dossier after they confirmed it:
-- a kind of its own (V50 covers a withdrawal while the dossier waits for them).
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY', 'PARTY_DECLINED',
    'APPLICANT_WITHDREW', 'CONDITIONS_UNMET', 'APPLICANT_WITHDREW_CONFIRMED'));
