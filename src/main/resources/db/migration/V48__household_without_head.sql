-- A household whose head moved out or died has no head until its members register a change of head (Residence Law
-- 2020 art. 10 and 26): the register no longer names someone who is not a member, or no longer alive, as its head.
alter table population.household alter column head_id_number drop not null;
