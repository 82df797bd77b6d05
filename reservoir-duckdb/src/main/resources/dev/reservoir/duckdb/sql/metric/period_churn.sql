-- period_churn: period-over-period churn (SPEC metric 2): of the customers active in P, the
-- share not active in the next period (100 active this month, 70 of them next month: 30%).
--
-- Definition (docs/metrics.md, "Period-over-period churn"):
--   active(P)   customers with an activity day in P (for purchases the order's date, the
--               earliest local date of its lines); only days up to D are known, so a next
--               period that ends after D is incomplete and the caller marks the pair
--   retained(P) active(P) customers also active in the period starting the day after P ends
--   rate        (active - retained) ÷ active, computed by the caller (undefined when active = 0)
-- Anonymous events never count.
--
-- Parameters:
--   1 = D, the as-of date;  2 = known-at instant
--   3 = activity event types, comma-separated wire names (validated against EventType)
--   4 = period starts, comma-separated ISO dates (the pairs' periods and the last next period)
--   5 = period ends, in the same order
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types
),
periods AS (
    SELECT CAST(unnest(string_split(?, ',')) AS DATE) AS p_start,
           CAST(unnest(string_split(?, ',')) AS DATE) AS p_end
),
{customer_days},
{activity_days},
{activity_links},
period_days AS (
    -- every day of every period, beside the period's start and the start of the period just
    -- before it (the one ending the day before; NULL for the first): the activity days find their
    -- period by an equality join on the day (by hash, in parallel), not a range join
    SELECT pe.p_start, before.p_start AS prev_start,
           CAST(pe.p_start + CAST(unnest(range(0, pe.p_end - pe.p_start + 1)) AS INTEGER) AS DATE) AS day
    FROM periods pe LEFT JOIN periods before ON before.p_end = pe.p_start - 1
),
active AS (
    -- one row per period and active customer: the customer's first activity day in the period
    -- (its previous activity day, if any, is before the period's start). That previous day is
    -- the customer's last activity before the period: the customer was active in the period
    -- before too exactly when it is on or after that period's start, so the pairs' retained
    -- customers are counted on the later period's rows, with no join of the periods' customers
    SELECT pd.p_start, pd.prev_start, a.prev_day >= pd.prev_start AS was_active
    FROM activity_links a JOIN period_days pd ON pd.day = a.day
    WHERE a.prev_day IS NULL OR a.prev_day < pd.p_start
),
per_period AS (
    SELECT p_start, any_value(prev_start) AS prev_start, count(*) AS active,
           count(*) FILTER (WHERE was_active) AS retained_from_before
    FROM active
    GROUP BY p_start
)
SELECT pe.p_start,
       coalesce(a.active, 0)               AS active,
       coalesce(nx.retained_from_before, 0) AS retained
FROM periods pe
LEFT JOIN per_period a ON a.p_start = pe.p_start
LEFT JOIN per_period nx ON nx.prev_start = pe.p_start
ORDER BY pe.p_start
