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
reached AS (
    -- the next activity day after `day` is later than day + N (or there is none up to D)
    SELECT s.customer_key, s.day + p.n AS reached_on
    FROM activity_links s, params p
    WHERE (s.next_day IS NULL OR s.next_day > s.day + p.n) AND s.day + p.n <= p.d
),
base AS (
    -- one row per period and base customer: the customer's last activity day before the
    -- period's start (its next activity day, if any up to D, is on or after the start), when it
    -- lies in the N days before the start; earlier days in those N days have a next day before it
    SELECT pe.p_start, a.customer_key
    FROM periods pe, params p, activity_links a
    WHERE a.day BETWEEN pe.p_start - p.n AND pe.p_start - 1
      AND (a.next_day IS NULL OR a.next_day >= pe.p_start)
),
reached_in AS (
    SELECT DISTINCT pe.p_start, r.customer_key
    FROM periods pe, params p, reached r
    WHERE r.reached_on BETWEEN pe.p_start AND least(pe.p_end, p.d)
),
flags AS (
    SELECT coalesce(b.p_start, r.p_start) AS p_start,
           b.customer_key IS NOT NULL AS in_base,
           r.customer_key IS NOT NULL AS reached
    FROM base b FULL JOIN reached_in r ON r.p_start = b.p_start AND r.customer_key = b.customer_key
)
SELECT pe.p_start,
       count(*) FILTER (WHERE f.in_base)                   AS base,
       count(*) FILTER (WHERE f.in_base AND f.reached)     AS churned,
       count(*) FILTER (WHERE NOT f.in_base AND f.reached) AS joined_churned
FROM periods pe LEFT JOIN flags f ON f.p_start = pe.p_start
GROUP BY pe.p_start
ORDER BY pe.p_start
