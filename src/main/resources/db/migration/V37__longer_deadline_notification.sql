-- A citizen is told when an officer applies the lawful longer deadline of a procedure: a notification kind of its
-- own, not EXTENDED, which is the apology for a late dossier.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE'));
