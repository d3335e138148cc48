-- Limits counted per distinct thing (docs/security.md, "Rate limits per person"): PERSON_LOOKUP counts each ID number
-- a citizen has looked up once in its window, however often it is typed again. keys[i] names what times[i] counted;
-- null for the actions counted at each occurrence (SUBMISSION, UPLOAD). Instances of the release before ignore it.
alter table rate_limit add column keys text[];
