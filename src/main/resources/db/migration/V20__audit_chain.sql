-- The audit log becomes a hash chain (tamper-evident) and append-only (docs/security.md, "Tamper-evident audit log").
-- Every entry carries its position (seq, 1, 2, 3 … without gaps), the hash of the entry before it and its own hash:
-- SHA-256 over the canonical bytes of (seq, id, at, actor, action, subject_type, subject_id, details, prev_hash).
-- vn.gov.portal.audit.AuditChain recomputes the same bytes in Java to verify the chain.

alter table audit_log
    add column seq       bigint,
    add column prev_hash bytea,
    add column hash      bytea;

-- Canonical bytes: each field as "<length in UTF-8 bytes>:<text>;" so no two different entries serialise alike.
-- at is counted in microseconds since 1970 (independent of the time zone), details is the stored jsonb as text,
-- prev_hash is lower-case hex (empty for the first entry).
create function audit_log_canonical(seq bigint, id bigint, at timestamptz, actor text, action text,
                                    subject_type text, subject_id text, details jsonb, prev_hash bytea)
    returns bytea language sql immutable as $$
select convert_to(string_agg(octet_length(f) || ':' || f || ';', '' order by n), 'UTF8')
from unnest(array[seq::text, id::text, (extract(epoch from at) * 1000000)::bigint::text, actor, action, subject_type,
                  subject_id, details::text, coalesce(encode(prev_hash, 'hex'), '')]) with ordinality as t(f, n)
$$;

-- Chain the entries written so far, in id order.
do $$
declare
    r    record;
    n    bigint := 0;
    prev bytea  := null;
    h    bytea;
begin
    for r in select * from audit_log order by id loop
        n := n + 1;
        h := sha256(audit_log_canonical(n, r.id, r.at, r.actor, r.action, r.subject_type, r.subject_id, r.details, prev));
        update audit_log set seq = n, prev_hash = prev, hash = h where id = r.id;
        prev := h;
    end loop;
end $$;

alter table audit_log
    alter column seq set not null,
    alter column hash set not null,
    add constraint audit_log_first_has_no_prev check ((seq = 1) = (prev_hash is null));
create unique index audit_log_seq on audit_log (seq);

-- The head of the chain, one row. Its row lock (select … for update) is the one place where concurrent writers
-- wait: each takes it at its audit insert and keeps it until commit, so the chain stays linear; under a stricter
-- isolation level a stale head raises a serialisation error instead of forking the chain.
create table audit_chain_head (
    one  boolean primary key default true check (one),
    seq  bigint  not null,
    hash bytea
);
insert into audit_chain_head (seq, hash)
select coalesce(max(seq), 0), (select hash from audit_log order by seq desc limit 1) from audit_log;

create function audit_log_chain() returns trigger language plpgsql as $$
declare
    head audit_chain_head%rowtype;
begin
    select * into strict head from audit_chain_head for update;
    -- The id is taken after the lock, so id order is chain order (ids may still skip numbers after a rollback).
    new.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
    new.seq := head.seq + 1;
    new.prev_hash := head.hash;
    new.hash := sha256(audit_log_canonical(new.seq, new.id, new.at, new.actor, new.action, new.subject_type,
                                           new.subject_id, new.details, new.prev_hash));
    update audit_chain_head set seq = new.seq, hash = new.hash;
    return new;
end $$;

create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain();

-- Append-only, also for the application's own database user (which owns the table, so a REVOKE would not hold).
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

-- The head moves only forward, with its entry.
create function audit_chain_head_guard() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' or new.seq <> old.seq + 1 then
        raise exception 'audit_chain_head only moves forward by one' using errcode = 'insufficient_privilege';
    end if;
    return new;
end $$;

create trigger audit_chain_head_guard before update or delete on audit_chain_head
    for each row execute function audit_chain_head_guard();
