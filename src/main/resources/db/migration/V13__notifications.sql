-- What the portal tells citizens about their dossiers. A row per timeline event worth telling (the unique key makes a
-- second notification of the same event impossible), written in the transaction that wrote the event.
create table notification (
    id                bigserial   primary key,
    dossier_event_id  bigint      not null unique references dossier_event (id),
    dossier_id        uuid        not null references dossier (id),
    recipient         text        not null,   -- the applicant's personal ID number
    kind              text        not null check (kind in ('RECEIVED', 'REFUSED', 'SUPPLEMENT', 'STOPPED', 'COMPLETED',
                                                           'RETURNED', 'EXTENDED')),
    receipt_code      text        not null,
    procedure_code    text        not null,
    procedure_version int         not null,
    detail            text,                   -- what is asked, the reason
    due_date          date,                   -- supplement by, the new appointment
    link_path         text        not null,   -- the citizen's page of the dossier (the group's for a step)
    created_at        timestamptz not null default now(),
    read_at           timestamptz
);
create index notification_recipient on notification (recipient, id desc);
-- The header's unread count on every citizen page.
create index notification_unread on notification (recipient) where read_at is null;

-- E-mails waiting to be sent (transactional outbox). One row per notification; the stable message_id goes into the
-- Message-ID header, so a mail repeated after a crash between the server's acceptance and our commit is recognisable.
create table mail_outbox (
    id              bigserial   primary key,
    notification_id bigint      not null unique references notification (id),
    message_id      text        not null unique,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    created_at      timestamptz not null default now(),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null;
