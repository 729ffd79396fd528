-- The audit trail: one row for every read of a person's data and every change to a case, written in
-- the transaction of what it records (if the row cannot be written, the action fails). Who, what,
-- which case and person, when, from which client address, and why when a reason is required.
--
-- Append-only and hash-chained: each row's hash is SHA-256 of the previous row's hash followed by its
-- own content (AuditChain in the audit module says how the content is written out), so changing,
-- removing or inserting a row breaks every hash after it. Appends are serialised by a transaction-
-- scoped advisory lock taken just before commit: the application needs no row it may update, so in
-- production its role can be granted INSERT and SELECT on this table and nothing else (docs/security.md).
create table audit_event (
    id              bigint      primary key,
    at              timestamptz not null,
    actor           text        not null,
    action          text        not null,
    case_reference  text,
    person_id       uuid,
    client_address  text,
    reason          text,
    detail          text,
    hash            bytea       not null check (length(hash) = 32)
);
-- Ids are drawn under the chain's lock, so the chain runs in id order.
create sequence audit_event_id_seq owned by audit_event.id;
create index audit_event_by_person on audit_event (person_id, id) where person_id is not null;
create index audit_event_by_case on audit_event (case_reference, id) where case_reference is not null;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function refuse_change();
create trigger audit_event_never_truncated before truncate on audit_event
    for each statement execute function refuse_change();

-- The content a row's hash covers, as AuditChain writes it: each field as its length in UTF-8 bytes,
-- a colon and the field, or "~" when null, each followed by ";"; the time in UTC to the microsecond.
create function audit_field(value text) returns text language sql immutable as $$
    select case when value is null then '~;' else octet_length(value) || ':' || value || ';' end
$$;

-- The reads recorded before the trail existed join it first, chained in their order.
do $$
declare
    previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    next_id  bigint;
    content  text;
    old      record;
begin
    for old in select * from read_audit order by id loop
        next_id := nextval('audit_event_id_seq');
        content := audit_field(next_id::text)
            || audit_field(to_char(old.read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
            || audit_field(old.reader) || audit_field('PERSON_READ') || audit_field(old.case_reference)
            || audit_field(old.person_id::text) || audit_field(null) || audit_field(null)
            || audit_field(old.purpose);
        previous := sha256(previous || convert_to(content, 'UTF8'));
        insert into audit_event (id, at, actor, action, case_reference, person_id, client_address, reason, detail, hash)
        values (next_id, date_trunc('microseconds', old.read_at), old.reader, 'PERSON_READ', old.case_reference,
                old.person_id, null, null, old.purpose, previous);
    end loop;
end $$;

drop table read_audit;
-- The reads of a person's data, as the table they replace showed them.
create view read_audit as
    select id, actor as reader, case_reference, person_id, detail as purpose, at as read_at
      from audit_event where action = 'PERSON_READ';
