-- Rulesets: every version of the decision tables Passage has ever compiled, kept forever so that
-- any recorded decision can be replayed under the exact tables that made it.
create table ruleset (
    id            bigint generated always as identity primary key,
    programme     text        not null check (programme in ('GAF', 'HASM', 'REINTEGRATION')),
    label         text        not null,
    content_hash  char(64)    not null,
    origin        text        not null check (origin in ('SHIPPED', 'UPLOADED')),
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    unique (programme, content_hash)
);

create table ruleset_file (
    ruleset_id  bigint  not null references ruleset (id),
    position    int     not null check (position >= 0),
    name        text    not null,
    content     bytea   not null,
    primary key (ruleset_id, position)
);

-- Which ruleset was live from when: append-only, so "the ruleset active at instant T" is a query.
create table ruleset_activation (
    id            bigint generated always as identity primary key,
    ruleset_id    bigint      not null references ruleset (id),
    programme     text        not null,
    activated_at  timestamptz not null default clock_timestamp(),
    activated_by  text        not null
);
create index ruleset_activation_by_time on ruleset_activation (programme, activated_at desc);
