-- The audit chain is linked after commit (docs/security.md, "Tamper-evident audit log"; docs/scaling.md).
-- Until now every audited transaction took the chain head's row lock at its audit insert and held it until commit,
-- so all audited writes of the country queued on one row: pgbench measured a quarter of the plain write ceiling.
-- Now an entry is written without waiting for anyone, with a marker in audit_unlinked, and one linker at a time
-- (vn.gov.portal.audit.AuditLinker, on any portal instance) appends committed entries to the chain in audit_link,
-- a second or so later. The hash of a link is computed exactly as before (audit_log_canonical over the link's
-- position, the entry's id and fields, and the previous link's hash), so the existing chain moves over unchanged.

create table audit_link (
    seq       bigint primary key,
    entry_id  bigint not null unique,
    prev_hash bytea,
    hash      bytea  not null,
    constraint audit_link_first_has_no_prev check ((seq = 1) = (prev_hash is null))
);

insert into audit_link (seq, entry_id, prev_hash, hash)
select seq, id, prev_hash, hash from audit_log;

-- Entries written but not linked yet. A row here is the linker's work list; an entry that is in neither table was
-- written around the queue, which the check reports.
create table audit_unlinked (
    entry_id bigint primary key
);

drop trigger audit_log_chain on audit_log;
drop function audit_log_chain();
drop index audit_log_seq;
alter table audit_log
    drop constraint audit_log_first_has_no_prev,
    drop column seq,
    drop column prev_hash,
    drop column hash;

-- Every entry, whoever writes it, is queued for linking. The id is the sequence's, whatever the writer gave, so a
-- forged id can neither take an existing entry's place nor block a future one.
create function audit_log_queue() returns trigger language plpgsql as $$
begin
    new.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    insert into audit_unlinked (entry_id) values (new.id);
    return new;
end $$;

create trigger audit_log_queue before insert on audit_log for each row execute function audit_log_queue();

-- Links are append-only like the entries (the same refusal, naming the table).
create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_link_append_only before update or delete on audit_link
    for each row execute function audit_log_refuse_change();
create trigger audit_link_no_truncate before truncate on audit_link
    for each statement execute function audit_log_refuse_change();

-- The head moves only forward; the linker moves it by a whole batch at once.
create or replace function audit_chain_head_guard() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq <= old.seq then
        raise exception 'audit_chain_head only moves forward' using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;
