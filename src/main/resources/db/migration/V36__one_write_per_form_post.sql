-- "A retry loses nothing and duplicates nothing": an officer's internal note posted twice (a double click, a browser
-- retry) is written once. The note form carries an id made when the page is rendered; the same form with the same
-- text on the same dossier is the same note, so the second insert does nothing. A different text from the same
-- form (edited after a post that seemed to fail) is a note of its own and is kept. Notes posted without an id (pages
-- rendered before this version) are written as before. Building the index reads dossier_event once and holds its
-- writes meanwhile; the index itself holds only the notes with an id.
alter table dossier_event add column form_id uuid;
create unique index dossier_event_note_once on dossier_event (dossier_id, form_id, md5(note)) where form_id is not null;
