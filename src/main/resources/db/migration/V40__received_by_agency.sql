-- When the agency received the dossier (docs/architecture.md, "Received by the agency"). A dossier filed under a fee
-- paid before intake is received when the gateway confirms the payment, a marriage when the partner confirms; any
-- other is received as it is filed. Until then it is the agency's in no way: not in the queue, the search, the
-- dashboard, the statistics or the register book, and no officer may act on it. The legal time counts from it. Set
-- in the submission's own insert (DossierRepository.submit: a column, no extra statement) or by the transition that
-- hands the dossier over (Decisions); decided under the dossier's own procedure version, never the one published now.
alter table dossier add column received_at timestamptz;

-- Existing dossiers, from what they recorded. Drafts stay null. A dossier whose filing landed in status 6 waited for
-- its fee before intake (no shipped workflow starts in status 6 otherwise): received at its payment, or never (still
-- unpaid, withdrawn before paying). A marriage whose partner has not confirmed, or declined, or which was withdrawn
-- before the confirmation, was never received; a confirmed one was, at the confirmation. Any other submitted dossier
-- was received when it was filed (version 1 of the fee procedures had no fee step and no payment row).
update dossier d set received_at = d.submitted_at
where d.status_code is not null and d.submitted_at is not null;

with filed as (
    select e.dossier_id, e.to_state as initial, e.status_code
    from dossier_event e where e.event = 'submit'
)
update dossier d set received_at = (select p.paid_at from payment p where p.dossier_id = d.id and p.status = 'PAID')
from filed f
where f.dossier_id = d.id and f.status_code = 6;

update dossier d set received_at = (
    select min(e.at) from dossier_event e
    where e.dossier_id = d.id and e.from_state = 'awaiting-partner' and e.status_code <> 7)
where d.procedure_code = 'marriage-registration' and d.status_code is not null
  and exists (select 1 from dossier_event e where e.dossier_id = d.id and e.event = 'submit'
                                              and e.to_state = 'awaiting-partner');

-- The register book reads an agency's dossiers received in a period, in that order: without this index it would
-- read every dossier of the agency (or of the country in the period) at 10 M dossiers. One more index entry per
-- submission, which the submission's single insert writes anyway (no extra statement).
create index dossier_received on dossier (agency_id, received_at) where received_at is not null and not is_group;

-- The statistics count what the agencies received and what is overdue among it. Both partial indexes are replaced by
-- ones whose predicate says "received" (which implies status_code is not null), so their aggregates stay index-only
-- scans: dossiers awaiting a fee or a partner are not rows of them. Overdue is judged against the day the legal clock
-- stopped while a supplement is awaited (clock_paused_on, included for that).
create index dossier_stats_submitted_received on dossier (submitted_at) include (procedure_code, agency_id)
    where received_at is not null and not is_group;
drop index dossier_stats_submitted;
create index dossier_stats_overdue_received on dossier (appointment_date) include (procedure_code, agency_id, clock_paused_on)
    where closed_at is null and completed_at is null and received_at is not null and not is_group;
drop index dossier_stats_overdue;
-- Checked with EXPLAIN on 6,000 dossiers in 20 agencies: the book reads dossier_received (agency and period), the
-- overdue count is an index-only scan of dossier_stats_overdue_received, the submissions read
-- dossier_stats_submitted_received; the queue keeps its plans (dossier_queue_open, dossier_queue_procedure,
-- dossier_agency_queue for a status, the receipt-code and ID-number lookups for a search), "received" being a filter
-- on the few rows they return. The queue's indexes are left as they are: the dossiers not received are few.
