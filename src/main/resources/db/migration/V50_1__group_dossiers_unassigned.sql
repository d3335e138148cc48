-- A group's own dossier is no agency's to handle (Dossier.handledByAgency): no officer can open, act on or release it.
-- One claimed before that rule still names its officer, a claim nobody can end; it is released here, as a holder's
-- release would be (lock version moved on), and the audit log records that the portal released it and from whom.
with released as (
    update dossier d set assignee = null, lock_version = d.lock_version + 1, updated_at = now()
    from (select id, assignee from dossier where is_group and assignee is not null for update) held
    where d.id = held.id
    returning d.id, d.receipt_code, held.assignee
)
insert into audit_log (actor, action, subject_type, subject_id, details)
select 'portal', 'dossier.released', 'dossier', id::text,
       jsonb_build_object('receiptCode', receipt_code, 'heldBy', assignee, 'reason', 'group')
from released;
