-- churn_rate: inactivity churn rate per calendar period (SPEC metric 1, 流失率).
--
-- Definition (docs/metrics.md, "Churn"):
--   activity day   a local date on which the customer did an activity event; for purchases the
--                  date of the order (the earliest local date of its lines)
--   reaches        customer c reaches the churn standard on day L + N when L is an activity day
--                  of c and c has no activity day in (L, L + N]; only days up to D are known
--   base(P)        customers with an activity day in [start(P) - N, start(P) - 1]
--   churned(P)     base(P) customers who reach the standard on a day in [start(P), min(end(P), D)]
--                  (for a base customer whose last activity day before P is L, that is L + N when
--                  nothing came in [start(P), L + N]; or, after coming back within P, a later
--                  activity day + N still inside P); each customer counted once
--   joined_churned customers not in base(P) (first active in P, or back after more than N days)
--                  who already reached the standard inside P; beside the rate, not part of it
--   rate           churned ÷ base, computed by the caller (undefined when base = 0)
-- Anonymous events (no customer id) never count.
--
-- Parameters:
--   1 = D, the as-of date (local date of the tenant)
--   2 = known-at instant: events ingested after it are left out
--   3 = activity event types, comma-separated wire names (validated against EventType)
--   4 = N, the churn window in days
--   5 = period starts, comma-separated ISO dates, oldest first
--   6 = period ends, in the same order
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at,
           string_split(?, ',') AS types, CAST(? AS INTEGER) AS n
),
periods AS (
    -- the two lists zip: the i-th start with the i-th end
    SELECT CAST(unnest(string_split(?, ',')) AS DATE) AS p_start,
           CAST(unnest(string_split(?, ',')) AS DATE) AS p_end
),
{customer_days},
{activity_days},
{activity_links},
-- The periods meet the activity days through equality joins on a day, never a range join: each
-- period lists the N days before its start (where a base customer's last activity day lies) and
-- the days from its start to min(end, D) shifted back by N (the activity day whose day + N is the
-- day the standard is reached): a few hundred rows that every activity day looks up by hash, in
-- parallel, where a range join of the periods with every activity day runs on one thread.
base_days AS (
    SELECT pe.p_start, CAST(pe.p_start - CAST(unnest(range(1, p.n + 1)) AS INTEGER) AS DATE) AS day
    FROM periods pe, params p
),
reach_days AS (
    SELECT pe.p_start, p.n,
           CAST(pe.p_start + CAST(unnest(range(0, least(pe.p_end, p.d) - pe.p_start + 1)) AS INTEGER) - p.n AS DATE) AS day
    FROM periods pe, params p
    WHERE pe.p_start <= p.d
),
base AS (
    -- one row per period and base customer: the customer's last activity day before the
    -- period's start (its next activity day, if any up to D, is on or after the start), when it
    -- lies in the N days before the start; earlier days in those N days have a next day before it
    SELECT b.p_start, a.customer_key
    FROM activity_links a JOIN base_days b ON b.day = a.day
    WHERE a.next_day IS NULL OR a.next_day >= b.p_start
),
reached AS (
    -- one row per reaching of the standard inside a period (reach_days keeps day + N within the
    -- period and D): the next activity day after `day` is later than day + N, or there is none
    -- up to D. from_base: `day` is before the period's start, so it is the customer's last
    -- activity day before the start and lies in the N days before it: a base customer, and
    -- the only such row of the customer in the period (a second would need an activity day
    -- after this one's day + N, which is inside the period)
    SELECT r.p_start, s.customer_key, s.day < r.p_start AS from_base
    FROM activity_links s JOIN reach_days r ON r.day = s.day
    WHERE s.next_day IS NULL OR s.next_day > s.day + r.n
),
inside AS (
    -- customers who reached the standard in P only from an activity day inside P, each once.
    -- That needs N no longer than a period (a day L in P with L + N in P): {inside_possible} is
    -- whether some period is at least N + 1 days long, written in by the caller, so that with a
    -- window longer than every period this is planned as empty and nothing is built for it
    SELECT DISTINCT r.p_start, r.customer_key
    FROM reached r
    WHERE {inside_possible} AND NOT r.from_base
      AND NOT EXISTS (SELECT 1 FROM reached f
                      WHERE f.from_base AND f.p_start = r.p_start AND f.customer_key = r.customer_key)
),
per_period AS (
    -- base customers, and of them those counted by `inside` (the base LEFT JOIN probes the few
    -- rows of `inside`); churned = from_base reachings + these; joined_churned = the rest of inside
    SELECT b.p_start, count(*) AS base, count(i.customer_key) AS inside_base, 0 AS churned, 0 AS inside
    FROM base b LEFT JOIN inside i ON i.p_start = b.p_start AND i.customer_key = b.customer_key
    GROUP BY b.p_start
    UNION ALL
    SELECT p_start, 0, 0, count(*), 0 FROM reached WHERE from_base GROUP BY p_start
    UNION ALL
    SELECT p_start, 0, 0, 0, count(*) FROM inside GROUP BY p_start
)
SELECT pe.p_start,
       coalesce(sum(c.base), 0)                       AS base,
       coalesce(sum(c.churned + c.inside_base), 0)    AS churned,
       coalesce(sum(c.inside - c.inside_base), 0)     AS joined_churned
FROM periods pe LEFT JOIN per_period c ON c.p_start = pe.p_start
GROUP BY pe.p_start
ORDER BY pe.p_start
