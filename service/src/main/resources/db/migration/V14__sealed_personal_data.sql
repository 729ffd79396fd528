-- Personal data sealed at rest (Tink AEAD, keys outside the database): each ciphertext is bound to its
-- table, column and row by its associated data, so a ciphertext copied elsewhere does not open. The
-- plaintext columns are sealed into these by migration V15 (Java: it needs the keys) and then dropped.

alter table person
    add column given_name_sealed   bytea,
    add column family_name_sealed  bytea,
    add column sex_sealed          bytea,
    add column birth_year_sealed   bytea,
    add column nationality_sealed  bytea,
    -- The blind index of the normalised name and birth year (Tink PRF, "<key id>-<hex>"): the duplicate
    -- check looks it up without the name being stored.
    add column name_index          text,
    -- When the retention period erased the person's data (the row stays: cases still point at it).
    add column erased_at           timestamptz;
alter table person alter column given_name drop not null, alter column family_name drop not null,
                   alter column sex drop not null;
create index person_by_name_index on person (name_index);

alter table case_note add column text_sealed bytea;
alter table case_note alter column text drop not null;
alter table assistance_item add column description_sealed bytea;
-- What a step's form recorded (its answers, free texts included), sealed; the detail keeps the rest.
alter table case_event add column sealed bytea;

-- Append-only still, except that the sealed columns named as arguments may be sealed again (a key
-- rotation) or emptied (retention). Any other change, and any delete, is refused.
create function refuse_change_but_seal() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (to_jsonb(new) - tg_argv) = (to_jsonb(old) - tg_argv) then
        return new;
    end if;
    raise exception '% is append-only (only its sealed personal data may be sealed again or erased)', tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

drop trigger case_note_append_only on case_note;
create trigger case_note_append_only before update or delete on case_note
    for each row execute function refuse_change_but_seal('text_sealed');
drop trigger assistance_item_append_only on assistance_item;
create trigger assistance_item_append_only before update or delete on assistance_item
    for each row execute function refuse_change_but_seal('description_sealed');
drop trigger case_event_append_only on case_event;
create trigger case_event_append_only before update or delete on case_event
    for each row execute function refuse_change_but_seal('sealed');

-- Retention: when a closed case's personal data was erased.
alter table case_file add column anonymised_at timestamptz;
create index case_file_to_anonymise on case_file (closed_at) where closed_at is not null and anonymised_at is null;
