-- quadrant_weeks (SPEC § Segments, four quadrants): quadrant_activity.sql for both weeks of the
-- movement in one pass over the stored sessions, when they hold what the report may see
-- (BehaviourSessions.stored for D and D − 7): for each person with a session that began in week 0
-- ([D − 6, D], as of D) or week 1 ([D − 13, D − 7], as of D − 7), the number of those sessions and
-- their total length in seconds. Each week reads the stored sessions as behaviour/stored.sql does
-- for its own as-of date (its cut), and recomputes the people that cut falls into:
--   affected     per cut, the people whose stored sessions are not their sessions as of the cut,
--                among those with a stored session overlapping the week: a session that runs past
--                the cut, or a customer with a visitor identified after it
--   recomputed   their sessions as of the cut from their raw events, as metric/sessions.sql splits
--                them (a gap >= the timeout starts a session; a session's date is its first event's;
--                length = last − first event), with visitor_identities as of the cut. Both cuts read
--                the events of [D − 15, D] once: a session beginning in a week is whole from two days
--                before it (sessions.sql's argument), and only its count and length are needed here.
--                With no one affected (the usual case: no session across the cut's midnight, no
--                visitor identified since) the events are not scanned at all (the EXISTS below:
--                without it the scan runs even for an empty list of people).
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ (unused: the stored sessions hold every event), 3 timeout_seconds
--   BIGINT, 4 include_visitors BOOLEAN (false: identified customers only)
-- Result: week (0 this week, 1 the week before), person (customer id, or visitor id), customer
--   (true for a customer), sessions, seconds
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, to_seconds(?::BIGINT) AS timeout, ?::BOOLEAN AS include_visitors
),
cuts AS (
    SELECT 0 AS week, p.d AS cut, p.d - 6 AS from_date FROM params p
    UNION ALL
    SELECT 1, p.d - 7, p.d - 13 FROM params p
),
window_sessions AS (
    SELECT s.person, s.customer_id, s.start_date, s.end_date, s.seconds
    FROM behaviour_sessions s, params p
    WHERE s.start_date <= p.d AND s.end_date >= p.d - 13
),
late_customers AS (
    SELECT DISTINCT c.week, i.customer_id FROM visitor_identities i JOIN cuts c ON i.identified_date > c.cut
),
affected AS (
    SELECT c.week, w.person
    FROM window_sessions w JOIN cuts c ON w.start_date <= c.cut AND w.end_date >= c.from_date
    LEFT JOIN late_customers l ON l.week = c.week AND l.customer_id = w.customer_id
    WHERE w.end_date > c.cut OR l.customer_id IS NOT NULL
    GROUP BY c.week, w.person
),
stored_counts AS (
    SELECT c.week, w.person, w.customer_id, count(*) AS sessions, sum(w.seconds) AS seconds
    FROM window_sessions w JOIN cuts c ON w.start_date BETWEEN c.from_date AND c.cut
    ANTI JOIN affected a ON a.week = c.week AND a.person = w.person
    GROUP BY c.week, w.person, w.customer_id
),
affected_customers AS (
    SELECT week, substr(person, 3) AS customer_id FROM affected WHERE starts_with(person, 'c:')
),
affected_visitors AS (
    SELECT week, substr(person, 3) AS visitor_id FROM affected WHERE starts_with(person, 'v:')
    UNION
    SELECT a.week, i.visitor_id FROM affected_customers a JOIN visitor_identities i ON i.customer_id = a.customer_id
),
raw AS (
    SELECT e.customer_id, e.visitor_id, e.occurred_at, e.local_date
    FROM events e, params p
    WHERE EXISTS (SELECT 1 FROM affected) AND e.local_date BETWEEN p.d - 15 AND p.d
      AND e.type NOT IN ('message_sent', 'coupon_sent') AND e.customer_id IN (SELECT customer_id FROM affected_customers)
    UNION ALL
    -- Apart rather than OR-ed with the customers: two semi joins cost less than one mark join each.
    SELECT e.customer_id, e.visitor_id, e.occurred_at, e.local_date
    FROM events e, params p
    WHERE EXISTS (SELECT 1 FROM affected) AND e.local_date BETWEEN p.d - 15 AND p.d
      AND e.type NOT IN ('message_sent', 'coupon_sent') AND e.customer_id IS NULL
      AND e.visitor_id IN (SELECT visitor_id FROM affected_visitors)
),
cut_raw AS (
    SELECT c.week, c.cut, r.*
    FROM raw r JOIN cuts c ON r.local_date BETWEEN c.from_date - 2 AND c.cut
    SEMI JOIN affected_customers a ON a.week = c.week AND a.customer_id = r.customer_id
    UNION ALL
    SELECT c.week, c.cut, r.*
    FROM raw r JOIN cuts c ON r.local_date BETWEEN c.from_date - 2 AND c.cut
    SEMI JOIN affected_visitors a ON a.week = c.week AND a.visitor_id = r.visitor_id
    WHERE r.customer_id IS NULL
),
cut_events AS (
    SELECT r.week, r.occurred_at, r.local_date, coalesce(r.customer_id, i.customer_id) AS customer_id,
           CASE WHEN coalesce(r.customer_id, i.customer_id) IS NOT NULL
                THEN 'c:' || coalesce(r.customer_id, i.customer_id) ELSE 'v:' || r.visitor_id END AS person
    FROM cut_raw r LEFT JOIN visitor_identities i ON i.visitor_id = r.visitor_id AND i.identified_date <= r.cut
),
ordered AS (
    SELECT week, person, customer_id, occurred_at, local_date,
           row_number() OVER w AS n, occurred_at - lag(occurred_at) OVER w AS gap
    FROM cut_events
    WINDOW w AS (PARTITION BY week, person ORDER BY occurred_at)
),
numbered AS (
    SELECT o.*, sum(CASE WHEN o.gap IS NULL OR o.gap >= p.timeout THEN 1 ELSE 0 END)
                    OVER (PARTITION BY o.week, o.person ORDER BY o.n ROWS UNBOUNDED PRECEDING) AS session_no
    FROM ordered o, params p
),
recomputed AS (
    SELECT week, person, max(customer_id) AS customer_id, min(local_date) AS start_date,
           CAST(epoch(max(occurred_at)) - epoch(min(occurred_at)) AS BIGINT) AS seconds
    FROM numbered GROUP BY week, person, session_no
),
counted AS (
    SELECT week, person, customer_id, sessions, seconds FROM stored_counts
    UNION ALL
    SELECT r.week, r.person, r.customer_id, count(*), sum(r.seconds)
    FROM recomputed r JOIN cuts c ON c.week = r.week
    WHERE r.start_date BETWEEN c.from_date AND c.cut
    GROUP BY r.week, r.person, r.customer_id
)
SELECT week, substr(person, 3) AS person, customer_id IS NOT NULL AS customer, sessions, seconds
FROM counted, params p
WHERE customer_id IS NOT NULL OR p.include_visitors
ORDER BY week, person
