-- A document's code is issued when the dossier page first lists it; the PDF is drawn (and its SHA-256 kept) when it
-- is first downloaded: drawing every receipt at submission was a tenth of a submission's CPU (docs/performance.md).
alter table issued_document
    alter column sha256 drop not null,
    alter column pdf drop not null,
    add constraint issued_document_drawn_whole check ((sha256 is null) = (pdf is null));
