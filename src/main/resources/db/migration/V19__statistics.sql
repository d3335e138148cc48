-- Statistics (issue 6). A dossier is completed when it first reaches national status 9 ("Đã giải quyết"); kept on
-- the row so that on-time rates and processing times are plain aggregates over one table, not a search of the
-- timeline per dossier. Set by DossierRepository.transition; filled here from the timeline for existing dossiers.
alter table dossier add column completed_at timestamptz;

update dossier d set completed_at = c.done
from (select dossier_id, min(at) as done from dossier_event where status_code = 9 group by dossier_id) c
where c.dossier_id = d.id;

-- One index per kind of figure, each covering what its aggregate reads (index-only scans on a large table):
-- submissions and completions of a period, and what is overdue now (no result yet, past the appointment date).
create index dossier_stats_submitted on dossier (submitted_at) include (procedure_code, agency_id)
    where status_code is not null and not is_group;
create index dossier_stats_completed on dossier (completed_at) include (procedure_code, agency_id, appointment_date, submitted_at)
    where completed_at is not null and not is_group;
create index dossier_stats_overdue on dossier (appointment_date) include (procedure_code, agency_id)
    where closed_at is null and completed_at is null and status_code is not null and not is_group;
