-- What was delivered to the person, step by step: the amount spent and what it paid for.
create table assistance_item (
    id              bigserial     primary key,
    case_reference  text          not null references case_file (reference),
    step            text          not null,
    amount          numeric(14,2) not null check (amount >= 0),
    description     text,
    delivered_by    text          not null,
    delivered_at    timestamptz   not null default now()
);
create index assistance_item_by_case on assistance_item (case_reference, id);
create trigger assistance_item_append_only before update or delete on assistance_item
    for each row execute function refuse_change();
