-- The date by which the citizen is asked to send what a supplementation request lists (form 02 states it).
alter table dossier add column supplement_due date;
