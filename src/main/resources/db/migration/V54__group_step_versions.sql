-- The versions of its steps an interconnected group's dossier was filed with (element i: step i+1; null: not known).
-- Its pages and the steps filed later take them, not the step versions published since (ProcedureCatalog.of).
alter table dossier add column step_versions integer[];

-- Groups in flight: the versions their steps were filed under (the first step's is the form the citizen answered);
-- a step not filed yet stays unknown and is filed under the version its group version is served with, as before.
update dossier g set step_versions = filed.versions
from (select parent_id, array_agg(version order by step_index) versions
      from (select p.parent_id, i step_index,
                   (select s.procedure_version from dossier s where s.parent_id = p.parent_id and s.step_index = i) version
            from (select parent_id, max(step_index) steps from dossier where parent_id is not null group by parent_id) p,
                 generate_series(1, p.steps) i) by_index
      group by parent_id) filed
where g.id = filed.parent_id and g.is_group;
