-- Officer searches at 10 M dossiers (docs/performance.md, scenario 4) read the agency's whole name index, closed
-- dossiers included, while the queue they filter shows open dossiers only. The name index now holds open dossiers
-- alone, the rows the queue can show; a search together with a status filter (which may name a closed status) reads
-- the agency's dossiers of that status instead. One index fewer to update on every transition, too.
create index dossier_open_agency_names on dossier (agency_id, applicant_name_folded) include (id)
    where closed_at is null and status_code is not null;
drop index dossier_agency_names;
