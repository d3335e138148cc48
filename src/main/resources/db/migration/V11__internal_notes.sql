-- Officers' internal notes sit in the dossier's timeline for the agency, never in the citizen's view.
alter table dossier_event add column internal boolean not null default false;
