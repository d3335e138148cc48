-- When the receiver found the exemption ground the citizen declared not proved and sent the dossier back to pay the
-- fee (a transition with a note); from then on the fee is due although the answers still name the ground.
alter table dossier add column fee_exemption_refused_at timestamptz;
