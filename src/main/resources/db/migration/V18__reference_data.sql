-- The history page of reference data reads the newest audit entries of admins' reference changes; a partial index
-- keeps that a short index scan however long the audit log grows.
create index audit_log_reference on audit_log (id desc) where action like 'reference.%';
