-- Interconnected groups (Decree 63/2024): one dossier for the citizen, one step dossier per agency in turn.
alter table dossier add column parent_id uuid references dossier (id);
alter table dossier add column step_index smallint;
alter table dossier add column is_group boolean not null default false;
create index dossier_parent on dossier (parent_id) where parent_id is not null;
