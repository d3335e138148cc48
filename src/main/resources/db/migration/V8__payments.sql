-- Online payments of dossiers (a fine, a fee) through the payment gateway. One row per attempt: the citizen may
-- cancel at the gateway and try again, but a dossier is paid at most once.
create table payment (
    id           uuid        primary key,          -- also the reference sent to the gateway (vnp_TxnRef)
    dossier_id   uuid        not null references dossier (id),
    amount_vnd   bigint      not null check (amount_vnd > 0),
    status       text        not null default 'PENDING' check (status in ('PENDING', 'PAID', 'FAILED')),
    gateway_txn  text,                             -- the gateway's transaction number, once it answered
    created_at   timestamptz not null default now(),
    paid_at      timestamptz
);
create index payment_dossier on payment (dossier_id);
create unique index payment_paid_once on payment (dossier_id) where status = 'PAID';

-- The gateway's confirmation moves the dossier on; the timeline names it as the actor.
alter table dossier_event drop constraint dossier_event_actor_kind_check;
alter table dossier_event add constraint dossier_event_actor_kind_check
    check (actor_kind in ('CITIZEN', 'STAFF', 'SYSTEM', 'PAYMENT'));
