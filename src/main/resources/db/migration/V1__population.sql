-- The national population register, in its own schema, reached only through the population port.
create schema if not exists population;

-- Administrative units of the two-tier administration (since 2025-07-01): provinces (2-digit code) and communes (5-digit).
create table population.admin_unit (
    code        varchar(5)  primary key,
    name        text        not null,
    name_ascii  text        not null,            -- name without diacritics, for search
    level       text        not null check (level in ('PROVINCE', 'COMMUNE')),
    parent_code varchar(5)  references population.admin_unit (code),
    check ((level = 'PROVINCE') = (parent_code is null))
);
create index admin_unit_parent on population.admin_unit (parent_code);

create table population.household (
    id              bigint      primary key,
    head_id_number  char(12)    not null,
    province_code   varchar(5)  not null,
    commune_code    varchar(5)  not null,
    address_detail  text        not null
);

create table population.person (
    id_number        char(12)   primary key,
    full_name        text       not null,
    birth_date       date       not null,
    sex              char(1)    not null check (sex in ('M', 'F')),
    ethnicity        text       not null,
    religion         text       not null,
    nationality      text       not null,
    home_town        text       not null,
    place_of_birth   text       not null,
    marital_status   text       not null check (marital_status in ('SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED')),
    date_of_death    date,
    phone            text,
    email            text,
    household_id     bigint     references population.household (id),
    relation_to_head text
);
create index person_household on population.person (household_id);

-- Permanent, temporary and current residence; the permanent one mirrors the household's registered address.
create table population.residence (
    id_number      char(12)   not null references population.person (id_number),
    kind           text       not null check (kind in ('PERMANENT', 'TEMPORARY', 'CURRENT')),
    province_code  varchar(5) not null,
    commune_code   varchar(5) not null,
    detail         text       not null,
    valid_from     date,
    valid_to       date,
    primary key (id_number, kind)
);

-- Father, mother and spouse links; children are found through the reverse index.
create table population.family_link (
    id_number         char(12) not null references population.person (id_number),
    relation          text     not null check (relation in ('FATHER', 'MOTHER', 'SPOUSE')),
    related_id_number char(12) not null references population.person (id_number),
    primary key (id_number, relation)
);
create index family_link_related on population.family_link (related_id_number);
