-- The officer queue at 10 M dossiers (docs/performance.md, scenario 4): a search scanned every open dossier of the
-- agency (14,000 heap reads, 220 ms); each arm of it now has an index of its own, which the planner ORs together:
-- receipt code prefix (dossier_receipt_prefix), ID number (dossier_applicant_search) and the folded name, found by
-- trigrams within the agency. pg_trgm and btree_gin are trusted extensions: the database's owner may create them.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;
create index dossier_name_search on dossier using gin (agency_id, applicant_name_folded gin_trgm_ops);

-- The procedure filter read the agency's open dossiers in appointment order until it found a page of that procedure.
create index dossier_queue_procedure on dossier (agency_id, procedure_code, appointment_date)
    where closed_at is null and status_code is not null;
