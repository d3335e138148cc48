-- audit_log_subject (subject_type, subject_id) is the leading part of audit_log_subject_at (V14), which serves every
-- query the first served; each audited write paid for both (docs/performance.md, "Eleventh round").
drop index audit_log_subject;
