-- The look-up limit keeps keyed hashes of the numbers looked up (RateLimits, docs/security.md), no longer the ID
-- numbers themselves: the ones stored so far are cleared. Their times stay, so what a citizen looked up in the last
-- hour still counts against the limit; a number among them looked up again within that hour counts once more.
update rate_limit set keys = array_fill(null::text, array[cardinality(times)])
where action = 'PERSON_LOOKUP' and keys is not null;
