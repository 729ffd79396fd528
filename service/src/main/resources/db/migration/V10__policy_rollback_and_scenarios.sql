-- Issue 11, policy staff: rolling back to the previous version with a second person's approval,
-- scenarios revised with a draft, and every such action in the version's history.

-- The history names every lifecycle action (ruleset_event stays append-only).
alter table ruleset_event drop constraint ruleset_event_action_check;
alter table ruleset_event add constraint ruleset_event_action_check check (action in (
    'UPLOADED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ACTIVATED', 'RETIRED',
    'ROLLBACK_REQUESTED', 'ROLLBACK_APPROVED', 'ROLLBACK_REFUSED',
    'SCENARIOS_UPLOADED', 'SCENARIO_ADDED',
    'SIMULATION_STARTED', 'SIMULATION_FINISHED', 'SIMULATION_CANCELLED'));

-- A rollback re-activates the version in effect before the current one. One person asks, with a
-- reason; a second person (a policy approver, not the one who asked) approves or refuses. The
-- approval is a new activation, so the activation log keeps the whole story.
create table ruleset_rollback (
    id              bigint generated always as identity primary key,
    programme       text        not null check (programme in ('GAF', 'HASM', 'REINTEGRATION')),
    from_ruleset_id bigint      not null references ruleset (id),
    to_ruleset_id   bigint      not null references ruleset (id),
    reason          text        not null check (length(trim(reason)) > 0),
    requested_by    text        not null,
    requested_at    timestamptz not null,
    outcome         text check (outcome in ('APPROVED', 'REFUSED')),
    decided_by      text,
    decided_at      timestamptz,
    comment         text,
    check (from_ruleset_id <> to_ruleset_id),
    -- Four eyes, kept by the table whatever the application does.
    constraint ruleset_rollback_four_eyes check (decided_by is null or decided_by <> requested_by),
    constraint ruleset_rollback_decided check ((outcome is null) = (decided_by is null)
                                               and (outcome is null) = (decided_at is null))
);
-- At most one rollback waits per programme.
create unique index ruleset_rollback_one_open on ruleset_rollback (programme) where outcome is null;

-- A version's own scenarios (scenarios.csv: inputs and the answers worked out by hand), each upload
-- or addition a new row: the latest is the version's, the earlier ones stay as its history.
create table ruleset_scenarios (
    id          bigint generated always as identity primary key,
    ruleset_id  bigint      not null references ruleset (id),
    content     bytea       not null,
    added_by    text        not null,
    added_at    timestamptz not null default clock_timestamp()
);
create index ruleset_scenarios_by_version on ruleset_scenarios (ruleset_id, id desc);
create trigger ruleset_scenarios_append_only before update or delete on ruleset_scenarios
    for each row execute function refuse_change();
