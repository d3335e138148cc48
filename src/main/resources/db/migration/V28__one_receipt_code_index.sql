-- The receipt code had two indexes of ~730 MB each at 10 M dossiers (docs/performance.md, scenario 3): the unique
-- constraint's, in the database's collation, and V10's text_pattern_ops one for officers' prefix search (LIKE 'x%'
-- can use a collation-ordered index only under the C collation). A text_pattern_ops index serves equality as well, so
-- one unique index now keeps codes unique, finds a code and serves the prefix search: one insertion fewer per
-- submission. Building it takes a lock on dossier writes for the build's duration (about a minute at 10 M dossiers).
create unique index dossier_receipt_code on dossier (receipt_code text_pattern_ops);
alter table dossier drop constraint dossier_receipt_code_key;
drop index dossier_receipt_prefix;
