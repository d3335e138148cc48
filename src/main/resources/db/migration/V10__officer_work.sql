-- Officer work: who holds a dossier, search by name without diacritics, the legal clock paused for supplementation.

-- Vietnamese text folded for search: lower case, no diacritics ("Nguyễn Văn Đức" -> "nguyen van duc").
create function portal_fold(text) returns text immutable strict language sql as $$
    -- Diacritics first, then lower(): lower() of non-ASCII letters depends on the database's locale.
    select lower(translate($1, 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd'))
$$;

alter table dossier add column applicant_name_folded text generated always as (portal_fold(applicant_name)) stored;
alter table dossier add column clock_paused_on date;

-- The queue: one agency's open dossiers by appointment date; searches by receipt code, ID number and name.
create index dossier_queue_open on dossier (agency_id, appointment_date) where closed_at is null and status_code is not null;
create index dossier_receipt_prefix on dossier (receipt_code text_pattern_ops);
create index dossier_applicant_search on dossier (agency_id, applicant_id_number);
create index dossier_assignee on dossier (assignee) where assignee is not null;
