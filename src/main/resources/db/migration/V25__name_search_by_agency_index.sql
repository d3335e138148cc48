-- V24's trigram index did not help: Vietnamese names are made of few syllables, so the trigrams of a name such as
-- "trinh van hoang" still matched half the country's dossiers (360 ms with everything in memory). Names are now
-- matched within the officer's agencies by reading an index of (agency, folded name, id) without the table: an
-- agency's dossiers are tens of thousands of index entries, read in milliseconds (DossierRepository.queue).
drop index dossier_name_search;
drop extension if exists btree_gin;
drop extension if exists pg_trgm;
create index dossier_agency_names on dossier (agency_id, applicant_name_folded) include (id);
