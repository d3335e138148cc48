-- Agencies are data: kind, place and the unit code that starts their receipt codes (Circular 01/2018 art. 19).
create table agency (
    id             bigserial   primary key,
    unit_code      text        not null unique,
    kind           text        not null,
    name_vi        text        not null,
    name_en        text        not null,
    province_code  varchar(5)  not null,
    commune_code   varchar(5)
);
create unique index agency_kind_place on agency (kind, province_code, coalesce(commune_code, ''));

-- Staff accounts are matched on the username the staff identity provider puts in preferred_username.
create table staff (
    username   text    primary key,
    full_name  text    not null,
    email      text,
    is_admin   boolean not null default false,
    active     boolean not null default true
);

create table staff_role (
    username   text   not null references staff (username),
    agency_id  bigint not null references agency (id),
    role       text   not null check (role in ('RECEIVER', 'HANDLER', 'APPROVER')),
    primary key (username, agency_id, role)
);
create index staff_role_agency on staff_role (agency_id);

-- Public holidays per year; weekends are never working days. Maintained as data.
create table holiday (
    day      date primary key,
    name_vi  text not null,
    name_en  text not null
);

-- One counter per receiving unit and day; incremented with an upsert so concurrent submissions never share a number.
create table receipt_sequence (
    unit_code  text    not null,
    day        date    not null,
    last_value integer not null,
    primary key (unit_code, day)
);

create table dossier (
    id                  uuid        primary key,
    procedure_code      text        not null,
    procedure_version   integer     not null,
    applicant_id_number char(12)    not null,
    applicant_name      text        not null,
    agency_id           bigint      references agency (id),
    state               text        not null,
    status_code         smallint,                  -- national status 1..10; null while a draft
    receipt_code        text        unique,
    answers             jsonb       not null default '{}',
    prefilled           jsonb       not null default '{}',  -- field ids whose values came from the population register
    submitted_at        timestamptz,
    appointment_date    date,
    closed_at           timestamptz,
    assignee            text        references staff (username),
    lock_version        integer     not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
-- At most one draft per procedure and person.
create unique index dossier_one_draft on dossier (applicant_id_number, procedure_code) where state = 'draft';
create index dossier_applicant on dossier (applicant_id_number, created_at desc);
create index dossier_agency_queue on dossier (agency_id, status_code, appointment_date) where status_code is not null;

-- The dossier's timeline, shown to the citizen and the officers.
create table dossier_event (
    id           bigserial   primary key,
    dossier_id   uuid        not null references dossier (id),
    at           timestamptz not null default now(),
    actor        text        not null,
    actor_kind   text        not null check (actor_kind in ('CITIZEN', 'STAFF', 'SYSTEM')),
    event        text        not null,
    from_state   text,
    to_state     text        not null,
    status_code  smallint,
    note         text
);
create index dossier_event_dossier on dossier_event (dossier_id, at);

-- Append-only audit log of every state change and every change to the population register.
create table audit_log (
    id           bigserial   primary key,
    at           timestamptz not null default now(),
    actor        text        not null,
    action       text        not null,
    subject_type text        not null,
    subject_id   text        not null,
    details      jsonb       not null default '{}'
);
create index audit_log_subject on audit_log (subject_type, subject_id);
