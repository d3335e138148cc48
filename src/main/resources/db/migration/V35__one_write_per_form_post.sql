-- "A retry loses nothing and duplicates nothing": a form posted twice (a double click, a browser retry) writes once.
-- The forms below carry an id made when the page is rendered; a row with an id is unique with what was sent, so the
-- second post finds the first's row and writes nothing. What was changed in the same form before posting again
-- (edited after a post that seemed to fail) is kept as a row of its own. Rows without an id (pages rendered before
-- this version) are written as before. Building each index reads its table once and holds its writes meanwhile; the
-- indexes themselves hold only the rows with an id.

-- An officer's internal note: the same form and text on the same dossier is the same note.
alter table dossier_event add column form_id uuid;
create unique index dossier_event_note_once on dossier_event (dossier_id, form_id, md5(note)) where form_id is not null;

-- A citizen's upload (to a draft, or with a supplement): the same form, document and file on the same dossier is the
-- same upload.
alter table attachment add column upload_id uuid;
create unique index attachment_upload_once on attachment (dossier_id, upload_id, document_id, sha256)
    where upload_id is not null;
