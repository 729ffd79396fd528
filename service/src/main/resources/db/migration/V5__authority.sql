-- Authority lives here, never in the engine (ADR 0006): who completed each step, who prepared
-- what an approver approves, which decisions a case's process made (and from which fund they
-- pay), and every approval. Process variables only route; delegates and listeners read these.

-- Every step completed through Passage, keyed by the Camunda task it completed. A task the engine
-- is asked to complete without a row here (engine REST, Tasklist) is refused by the engine itself.
create table step_completion (
    task_id         text        primary key,
    case_reference  text        not null references case_file (reference),
    step            text        not null,
    form            text,
    completed_by    text        not null,
    completed_at    timestamptz not null default now()
);
create index step_completion_by_case on step_completion (case_reference, completed_at);
create trigger step_completion_append_only before update or delete on step_completion
    for each row execute function refuse_change();

-- A stranded migrant's case is referred to one linked VoT case at most, however often the referral runs.
create unique index case_file_linked_once on case_file (linked_case) where linked_case is not null;

-- The officer who prepared what is to be approved next (four eyes), set when a preparing step completes.
alter table case_file add column prepared_by text;

-- The decisions a case's own process made, in order, with the fund that pays for them.
create table case_decision (
    decision_id     uuid        primary key,
    case_reference  text        not null references case_file (reference),
    programme       text        not null check (programme in ('GAF', 'HASM', 'REINTEGRATION')),
    fund_id         text,
    step            text        not null,
    decided_at      timestamptz not null default now(),
    seq             bigserial   not null unique
);
create index case_decision_by_case on case_decision (case_reference, seq);
create trigger case_decision_append_only before update or delete on case_decision
    for each row execute function refuse_change();

-- Approvals and rejections, each by a named approver who was not the preparer, of one decision
-- (or, for a step that approves no decision such as an AVRR return, of the step itself).
create table approval (
    task_id         text        primary key,
    case_reference  text        not null references case_file (reference),
    step            text        not null,
    decision_id     uuid,
    approver        text        not null,
    prepared_by     text,
    approved        boolean     not null,
    approved_at     timestamptz not null default now(),
    check (prepared_by is null or prepared_by <> approver)
);
create index approval_by_decision on approval (decision_id);
create trigger approval_append_only before update or delete on approval
    for each row execute function refuse_change();

-- Spring Modulith's event publication registry: events between modules, delivered at least once.
create table event_publication (
    id                uuid          not null primary key,
    listener_id       text          not null,
    event_type        text          not null,
    serialized_event  text          not null,
    publication_date  timestamptz   not null,
    completion_date   timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
