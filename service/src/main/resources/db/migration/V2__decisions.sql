-- Recorded decisions: the input as received, the full output, the ruleset that decided, who asked and
-- when. Append-only: the database refuses updates and deletes, whatever the application does.
create table decision (
    id            uuid        primary key,
    programme     text        not null check (programme in ('GAF', 'HASM', 'REINTEGRATION')),
    case_id       text,
    input         jsonb       not null,
    output        jsonb       not null,
    outcome       text        not null,
    ruleset_id    bigint      not null references ruleset (id),
    caller        text        not null,
    evaluated_at  timestamptz not null
);
create index decision_by_case on decision (case_id, evaluated_at) where case_id is not null;
create index decision_by_time on decision (programme, evaluated_at);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end $$;

create trigger decision_append_only before update or delete on decision
    for each row execute function refuse_change();

-- Idempotency keys of recording calls (draft-ietf-httpapi-idempotency-key-header): the request's hash
-- and, once done, the response to replay. A key is per caller and lives 24 hours.
create table idempotency_key (
    caller        text        not null,
    key           text        not null check (length(key) between 1 and 255),
    request_hash  char(64)    not null,
    status        int,
    response      text,     -- as sent, byte for byte: a retry gets exactly the first response
    location      text,
    created_at    timestamptz not null default now(),
    primary key (caller, key)
);
create index idempotency_key_by_age on idempotency_key (created_at);
