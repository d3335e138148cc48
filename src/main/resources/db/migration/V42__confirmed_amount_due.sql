-- The amount an officer confirmed as due for a dossier (a traffic fine checked against the penalty decision in the
-- traffic police's own system): what the payment charges, never the amount the citizen typed. Null until confirmed.
alter table dossier add column amount_due_vnd bigint check (amount_due_vnd > 0);

-- The officer's page lists the other dossiers of the same penalty decision (a decision paid twice); the number is
-- compared without case and spaces. Only the traffic fine asks for it (showRepeats); a procedure that adds the
-- attribute later is still found, by a scan of its own rows, until it gets an index like this one.
create index dossier_same_penalty_decision on dossier
    (upper(regexp_replace(answers ->> 'violationRecordNumber', '\s', '', 'g')))
    where procedure_code = 'traffic-fine-payment';
