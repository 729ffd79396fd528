-- Impact simulations (issue 11): a draft replayed over the recorded decisions of a period (all
-- offices or one), run in the background. The row is the run's progress while it runs (so any node
-- can show it, and cancel it) and keeps its result with the draft for the approver.
create table ruleset_simulation (
    id                  bigint generated always as identity primary key,
    ruleset_id          bigint      not null references ruleset (id),
    requested_by        text        not null,
    period_from         timestamptz not null,
    period_to           timestamptz not null,
    office              text,
    status              text        not null check (status in ('RUNNING', 'DONE', 'CANCELLED', 'FAILED')),
    total               bigint      not null check (total >= 0),
    processed           bigint      not null default 0 check (processed >= 0),
    cancel_requested_by text,
    started_at          timestamptz not null,
    heartbeat_at        timestamptz not null,
    finished_at         timestamptz,
    error               text,
    result              jsonb,
    check (period_from < period_to),
    check ((status = 'RUNNING') = (finished_at is null)),
    check (result is null or status = 'DONE')
);
create index ruleset_simulation_by_version on ruleset_simulation (ruleset_id, id desc);
