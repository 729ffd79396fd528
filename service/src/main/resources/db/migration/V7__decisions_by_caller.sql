-- A calling system reads only the decisions it recorded (issue 12): its listing filters by caller.
create index decision_by_caller on decision (caller, evaluated_at);
