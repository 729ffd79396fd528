-- The lifecycle of a ruleset version (issue 11): uploaded as a DRAFT with a change note, submitted
-- for review, approved by a second person with the instant it takes effect, then ACTIVE until a
-- later version replaces it (RETIRED); or REJECTED. Versions stay forever, for replay.
alter table ruleset
    add column change_note    text,
    add column status         text not null default 'DRAFT'
        check (status in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'ACTIVE', 'RETIRED', 'REJECTED')),
    add column effective_from timestamptz,
    add column approved_by    text,
    add column approved_at    timestamptz,
    -- An approval is a second person's: the table refuses the author as approver.
    add constraint ruleset_four_eyes check (approved_by is null or approved_by <> created_by),
    add constraint ruleset_approved_when check ((approved_by is null) = (approved_at is null));

-- Versions from before the lifecycle were shipped and activated: the latest activation per
-- programme is ACTIVE, the others RETIRED.
update ruleset r set change_note = 'Reference policy v1, shipped with Passage',
    status = case when r.id = (select a.ruleset_id from ruleset_activation a where a.programme = r.programme
                               order by a.activated_at desc, a.id desc limit 1) then 'ACTIVE' else 'RETIRED' end,
    effective_from = (select min(a.activated_at) from ruleset_activation a where a.ruleset_id = r.id);
alter table ruleset alter column change_note set not null;
alter table ruleset add constraint ruleset_change_note check (length(trim(change_note)) > 0);

-- Who did what to a version, when, and why: append-only.
create table ruleset_event (
    id          bigint generated always as identity primary key,
    ruleset_id  bigint      not null references ruleset (id),
    action      text        not null check (action in ('UPLOADED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ACTIVATED',
                                                       'RETIRED')),
    actor       text        not null,
    at          timestamptz not null default clock_timestamp(),
    comment     text
);
create index ruleset_event_by_version on ruleset_event (ruleset_id, id);

insert into ruleset_event (ruleset_id, action, actor, at, comment)
select r.id, 'UPLOADED', r.created_by, r.created_at, r.change_note from ruleset r;
insert into ruleset_event (ruleset_id, action, actor, at)
select a.ruleset_id, 'ACTIVATED', a.activated_by, a.activated_at from ruleset_activation a;

-- refuse_change() is V2's.
create trigger ruleset_event_append_only before update or delete on ruleset_event
    for each row execute function refuse_change();
create trigger ruleset_activation_append_only before update or delete on ruleset_activation
    for each row execute function refuse_change();
