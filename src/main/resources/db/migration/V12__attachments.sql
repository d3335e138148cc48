-- Files a citizen attaches to a dossier (issue 5). The metadata is kept apart from the bytes, so the bytes can move
-- to object storage later (AttachmentStore) while the queries on the metadata stay as they are.
create table attachment (
    id            uuid        primary key,
    -- A draft's files go with the draft; submitted dossiers are never deleted, so their files stay as evidence
    -- (withdrawn and refused ones too).
    dossier_id    uuid        not null references dossier (id) on delete cascade,
    document_id   text        not null,                  -- an id of the definition's documents list, or 'supplement'
    file_name     text        not null,                  -- sanitised, for display only, never used as a path
    content_type  text        not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes    integer     not null check (size_bytes between 1 and 10485760),
    sha256        char(64)    not null,
    uploaded_by   text        not null,
    uploaded_at   timestamptz not null default now(),
    supplement    boolean     not null default false     -- added while the agency asked for a supplement (status 5)
);
create index attachment_dossier on attachment (dossier_id, uploaded_at);

-- The bytes (DatabaseAttachmentStore). PDF, PNG and JPEG are compressed already: EXTERNAL stores them out of line
-- without PostgreSQL trying to compress them again.
create table attachment_content (
    attachment_id uuid  primary key references attachment (id) on delete cascade,
    content       bytea not null
);
alter table attachment_content alter column content set storage external;
