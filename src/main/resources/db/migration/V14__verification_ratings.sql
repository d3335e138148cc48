-- Issued documents: every PDF the portal gives out, with its public verification code and the exact bytes, so a
-- later download returns the identical file and anyone can check a copy against the SHA-256 of what was issued.
create table issued_document (
    code        text        primary key,            -- XXXX-XXXX-XXXX-XXXX, Crockford base32 (80 random bits)
    dossier_id  uuid        not null references dossier (id),
    form        text        not null,               -- OneStopForm number: 01 .. 04, kq
    event_at    timestamptz not null,               -- the timeline event the document records (submission for 01)
    agency_id   bigint      not null references agency (id),
    issued_at   timestamptz not null default now(),
    sha256      char(64)    not null,
    pdf         bytea       not null,
    unique (dossier_id, form, event_at)
);

-- One rating per completed dossier, by its applicant; feeds the agency dashboard.
create table dossier_rating (
    dossier_id  uuid        primary key references dossier (id),
    score       smallint    not null check (score between 1 and 5),
    comment     text        check (char_length(comment) <= 1000),
    rated_by    char(12)    not null,
    rated_at    timestamptz not null default now()
);

-- "Who used my data": one person's audit entries, newest first.
create index audit_log_subject_at on audit_log (subject_type, subject_id, at desc);
