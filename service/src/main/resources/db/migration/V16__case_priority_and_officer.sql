-- The inbox puts URGENT cases first and filters by priority, over thousands of open cases, so a case
-- keeps the priority its latest decision gave it (domain.md section 2: URGENT in immediate danger or
-- a life-threatening situation) instead of every inbox page reading decisions back.
alter table case_file add column priority text not null default 'NORMAL' check (priority in ('URGENT', 'NORMAL'));

update case_file c
   set priority = latest.output ->> 'priority'
  from (select distinct on (cd.case_reference) cd.case_reference, d.output
          from case_decision cd join decision d on d.id = cd.decision_id
         order by cd.case_reference, cd.seq desc) latest
 where latest.case_reference = c.reference
   and latest.output ->> 'priority' in ('URGENT', 'NORMAL');

-- The case officer who works the case: who opened it, then whoever last took one of its steps
-- other than an approval.
update case_file set assigned_officer = opened_by where assigned_officer is null;

