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
    -- every day of every period: the activity days find their period by an equality join on the
    -- day (by hash, in parallel), not a range join of the periods with every activity day
    SELECT pe.p_start, pe.p_end,
           CAST(pe.p_start + CAST(unnest(range(0, pe.p_end - pe.p_start + 1)) AS INTEGER) AS DATE) AS day
    FROM periods pe
),
active AS (
    -- one row per period and active customer: the customer's first activity day in the period
    -- (its previous activity day, if any, is before the period's start)
    SELECT pd.p_start, pd.p_end, a.customer_key
    FROM activity_links a JOIN period_days pd ON pd.day = a.day
    WHERE a.prev_day IS NULL OR a.prev_day < pd.p_start
)
SELECT pe.p_start,
       count(a.customer_key)  AS active,
       count(nx.customer_key) AS retained
FROM periods pe
LEFT JOIN active a ON a.p_start = pe.p_start
LEFT JOIN active nx ON nx.p_start = pe.p_end + 1 AND nx.customer_key = a.customer_key
GROUP BY pe.p_start
ORDER BY pe.p_start
