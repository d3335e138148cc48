-- The government swaps days: a weekday off is made up on a Saturday, which public offices then work (for 2025, Friday
-- 2 May off and Saturday 26 April worked, as announced for civil servants). Such a weekend day is a row with
-- working = true; deadlines count it. A day-off row stays a weekday, a working row a Saturday or Sunday (Holidays checks both).
alter table holiday add column working boolean not null default false;

insert into holiday (day, name_vi, name_en, working) values
('2025-04-26', 'Làm bù cho ngày nghỉ 02/5/2025', 'Worked in lieu of the day off on 2 May 2025', true)
on conflict (day) do nothing;
