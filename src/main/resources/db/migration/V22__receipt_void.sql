-- Receipt numbers are taken outside the submission's transaction (ReceiptCodes), so that submissions to one unit do
-- not queue behind each other until commit. A submission that then fails leaves its number unused: it is recorded
-- here, and any other gap (a crash between the two) is found by comparing the counter with the dossiers.
create table receipt_void (
    unit_code  text        not null,
    day        date        not null,
    seq        integer     not null,
    voided_at  timestamptz not null default now(),
    primary key (unit_code, day, seq)
);
