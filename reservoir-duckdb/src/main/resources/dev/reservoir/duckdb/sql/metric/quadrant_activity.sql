-- quadrant_activity (SPEC § Segments, four quadrants): for each person with a session that
-- began in the 7 days [D − 6, D] (sessions: see sessions.sql), the number of those sessions
-- and their total length in seconds; the engine divides and splits.
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 timeout_seconds BIGINT, 4 from_date DATE (D − 6),
--   5 include_visitors BOOLEAN (false: identified customers only)
-- Result: person (customer id, or visitor id), customer (true for a customer), sessions, seconds
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, to_seconds(?::BIGINT) AS timeout, ?::DATE AS from_date,
           ?::BOOLEAN AS include_visitors
),
{sessions}
SELECT substr(s.person, 3) AS person, s.customer_id IS NOT NULL AS customer, count(*) AS sessions,
       sum(s.seconds) AS seconds
FROM sessions s, params p
WHERE s.start_date BETWEEN p.from_date AND p.d AND (s.customer_id IS NOT NULL OR p.include_visitors)
GROUP BY s.person, s.customer_id
ORDER BY person
