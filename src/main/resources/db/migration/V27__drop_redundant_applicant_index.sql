-- An officer's search by ID number (DossierRepository.searchCondition) finds the person's dossiers by
-- dossier_applicant (applicant_id_number first: a person has a handful) and keeps those of the officer's agencies, so
-- dossier_applicant_search (agency_id, applicant_id_number) from V10 served nothing the other index does not. Every
-- submission paid for it: one more of the dossier table's index insertions (~500 MB at 10 M dossiers, with its WAL).
drop index if exists dossier_applicant_search;
