-- For the 25 procedures: the other party of a dossier (marriage), documents issued to people, temporary absences.

-- The person who must confirm a dossier with their own e-ID login (the workflow's PARTY), e.g. the other spouse.
alter table dossier add column party_id_number char(12);
create index dossier_party on dossier (party_id_number) where party_id_number is not null;

-- Results recorded against a person: passports, ID cards, certificates, licences, decisions.
create table population.person_document (
    id           bigserial   primary key,
    id_number    char(12)    not null references population.person (id_number),
    kind         text        not null,
    number       text        not null,
    issued_on    date        not null,
    valid_until  date,
    issuer       text        not null,
    dossier_id   uuid,
    unique (kind, number)
);
create index person_document_person on population.person_document (id_number);

create table population.temporary_absence (
    id_number       char(12)   primary key references population.person (id_number),
    valid_from      date       not null,
    valid_to        date       not null,
    destination     text       not null
);

-- Households created by procedures (a move to a new address) take ids far above the generated ones.
create sequence population.household_id_seq start 1000000000;
