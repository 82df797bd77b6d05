-- customer_profile: what the store holds about one customer as of D, for the customer lookup
-- (docs/server.md "Customer lookup"): the profile as known at known-at (the customers table keeps
-- the latest import of each id), and over the customer's events up to D known at known-at: how
-- many, the first and last (any type), and the distinct visitor ids seen on them (joined by
-- U+001F, sorted). One row, whether or not the customer exists (events = 0 and no profile: unknown).
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = the customer id (bound, never spliced in)
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, CAST(? AS VARCHAR) AS id
),
known AS (
    SELECT e.occurred_at, e.visitor_id
    FROM events e, params p
    WHERE e.customer_id = p.id AND e.local_date <= p.d AND e.ingested_at <= p.known_at
),
seen AS (
    SELECT count(*) AS events, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
           string_agg(DISTINCT visitor_id, chr(31) ORDER BY visitor_id) FILTER (WHERE visitor_id IS NOT NULL) AS visitors
    FROM known
)
SELECT s.events, s.first_seen, s.last_seen, s.visitors,
       c.customer_id IS NOT NULL AS has_profile, c.registered_at, c.paid_member, c.member_tier, c.store_id,
       c.channel, c.attributes
FROM seen s, params p
LEFT JOIN customers c ON c.customer_id = p.id AND c.ingested_at <= p.known_at
