-- Procedure definitions edited in the browser (issue 6): one row per code and version, holding the YAML text exactly
-- in the workflows/ format. An empty table is seeded from workflows/ at start; after that the database is the truth.
create table procedure_version (
    code          text        not null,
    version       integer     not null check (version > 0),
    source        text        not null,
    status        text        not null check (status in ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    created_by    text        not null,
    created_at    timestamptz not null default now(),
    published_by  text,
    published_at  timestamptz,
    primary key (code, version),
    check ((status = 'DRAFT') = (published_at is null))
);
-- At most one published version (what new dossiers get) and one draft (what admins edit) per procedure.
create unique index procedure_version_published on procedure_version (code) where status = 'PUBLISHED';
create unique index procedure_version_draft on procedure_version (code) where status = 'DRAFT';

-- Bumped by every publication; each portal instance compares it every few seconds and reloads when it moved.
create table catalog_generation (
    id          integer primary key check (id = 1),
    generation  bigint  not null
);
insert into catalog_generation (id, generation) values (1, 0);
