-- The other party of a dossier (the marriage partner) is told when it waits for their confirmation: a notification kind
-- of its own, and the same timeline event may now be told to two people (the applicant and the party), once each.
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT',
    'STOPPED', 'COMPLETED', 'RETURNED', 'EXTENDED', 'LONGER_DEADLINE', 'FEE_DUE', 'AWAITING_PARTY'));
alter table notification drop constraint notification_dossier_event_id_key;
alter table notification add constraint notification_event_recipient unique (dossier_event_id, recipient);
