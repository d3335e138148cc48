-- A receipt (form 01 / CT04) states facts that can change after it was issued: when the agency received the dossier,
-- the amount an officer confirmed, the fee paid or the exemption asked for. When they change, the portal issues a new
-- receipt with its own code and marks the earlier one superseded, never rewriting it: a printed copy still verifies,
-- as superseded, pointing to the current one (forms.Receipts).
alter table issued_document
    -- What the receipt states, as ReceiptFacts.fingerprint() wrote it when it was issued (or restated while it was
    -- not drawn yet); null for the other forms, and for receipts issued before this column.
    add column facts text,
    -- The receipt that replaced this one. Deferred: the old row is marked before its successor is inserted, so that
    -- one receipt is current per dossier at every moment (the index below).
    add column superseded_by text references issued_document (code) deferrable initially deferred,
    add column superseded_at timestamptz,
    add constraint issued_document_superseded_whole check ((superseded_by is null) = (superseded_at is null));

-- One current receipt per dossier: a retry or a second trigger cannot issue two. The receipt forms by number
-- (OneStopForm.RECEIPT and RESIDENCE_RECEIPT); every other form is issued once per event it records.
create unique index issued_document_current_receipt on issued_document (dossier_id, form)
    where superseded_by is null and form in ('01', 'CT04');
