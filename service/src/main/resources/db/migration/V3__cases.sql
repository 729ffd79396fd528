-- Cases, the people they are about, and the fund ledger. Personal data lives here and only here:
-- process variables carry case references and ids (Camunda copies variables into its history).

-- Which offices a member of staff works for; HQ approvers see every office.
create table staff_office (
    user_id  text not null,
    office   text not null check (office ~ '^[A-Z]{3}$'),
    primary key (user_id, office)
);

create table person (
    id            uuid        primary key,
    given_name    text        not null check (length(given_name) between 1 and 200),
    family_name   text        not null check (length(family_name) between 1 and 200),
    sex           text        not null check (sex in ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    birth_year    int         check (birth_year between 1900 and 2100),
    nationality   text        check (nationality ~ '^[A-Z]{3}$'),
    created_at    timestamptz not null default now()
);

-- One counter per case type and year, so references read VOT-2026-000123.
create table case_reference_counter (
    prefix  text not null,
    year    int  not null,
    last    int  not null,
    primary key (prefix, year)
);

create table case_file (
    reference         text        primary key check (reference ~ '^[A-Z]{2,5}-\d{4}-\d{6}$'),
    type              text        not null check (type in ('VOT', 'STRANDED_MIGRANT', 'AVRR')),
    office            text        not null check (office ~ '^[A-Z]{3}$'),
    status            text        not null,
    person_id         uuid        not null references person (id),
    opened_by         text        not null,
    assigned_officer  text,
    linked_case       text        references case_file (reference),
    -- What the forms recorded that the decisions read (the inputs of domain.md section 2), merged.
    facts             jsonb       not null default '{}',
    opened_at         timestamptz not null default now(),
    closed_at         timestamptz
);
create index case_by_office on case_file (office, status);

create table consent (
    id              bigserial   primary key,
    case_reference  text        not null references case_file (reference),
    given           boolean     not null,
    given_by        text        not null check (given_by in ('SELF', 'GUARDIAN')),
    scope           text[]      not null,
    recorded_by     text        not null,
    recorded_at     timestamptz not null default now(),
    withdrawn_by    text,
    withdrawn_at    timestamptz
);
create index consent_by_case on consent (case_reference, recorded_at);

-- Every step of a case, for the timeline: task completions, decisions, reservations, notes.
create table case_event (
    id              bigserial   primary key,
    case_reference  text        not null references case_file (reference),
    at              timestamptz not null default now(),
    actor           text        not null,
    kind            text        not null,
    step            text,
    detail          jsonb       not null default '{}'
);
create index case_event_by_case on case_event (case_reference, id);
create trigger case_event_append_only before update or delete on case_event
    for each row execute function refuse_change();

create table case_note (
    id              bigserial   primary key,
    case_reference  text        not null references case_file (reference),
    author          text        not null,
    text            text        not null check (length(text) between 1 and 5000),
    written_at      timestamptz not null default now()
);
create trigger case_note_append_only before update or delete on case_note
    for each row execute function refuse_change();

-- Who read a person's data, when: written in the reading transaction (if it fails, the read fails).
create table read_audit (
    id              bigserial   primary key,
    reader          text        not null,
    case_reference  text        not null,
    person_id       uuid        not null,
    purpose         text        not null,
    read_at         timestamptz not null default now()
);
create trigger read_audit_append_only before update or delete on read_audit
    for each row execute function refuse_change();

-- The fund ledger. The balance is budget - reserved - committed, and the database refuses any
-- change that would make it negative, whatever the application checks first.
create table fund (
    id         text          primary key check (id ~ '^[A-Z]+-[A-Z]{3}-\d{4}$'),
    programme  text          not null check (programme in ('GAF', 'HASM', 'REINTEGRATION')),
    office     text          not null check (office ~ '^[A-Z]{3}$'),
    year       int           not null,
    budget     numeric(14,2) not null check (budget >= 0),
    reserved   numeric(14,2) not null default 0 check (reserved >= 0),
    committed  numeric(14,2) not null default 0 check (committed >= 0),
    check (reserved + committed <= budget),
    unique (programme, office, year)
);

create table fund_reservation (
    id              bigserial     primary key,
    fund_id         text          not null references fund (id),
    case_reference  text          not null references case_file (reference),
    amount          numeric(14,2) not null check (amount >= 0),
    status          text          not null check (status in ('RESERVED', 'COMMITTED', 'RELEASED')),
    spent           numeric(14,2) check (spent >= 0 and spent <= amount),
    -- The job that made it: a job that runs twice finds its reservation and reserves nothing more.
    effect_key      text          not null unique,
    reserved_at     timestamptz   not null default now(),
    settled_at      timestamptz
);
create index reservation_by_case on fund_reservation (case_reference, status);

-- The results of process steps with effects (decisions, referrals), keyed by the job that ran them,
-- so that a job executed twice (Camunda jobs are at least once) has its effect once.
create table process_effect (
    effect_key      text        primary key,
    case_reference  text        not null,
    step            text        not null,
    result          jsonb       not null,
    at              timestamptz not null default now()
);

-- Anonymised statistics written at closure: no person, no reference, counts only.
create table case_statistic (
    id         bigserial primary key,
    type       text      not null,
    office     text      not null,
    year       int       not null,
    outcome    text      not null,
    days_open  int       not null
);

alter table case_file add column process_instance_id text unique;
