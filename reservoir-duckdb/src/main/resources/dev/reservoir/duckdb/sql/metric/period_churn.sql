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
known AS (
    SELECT k.customer_id, k.type, k.local_date, k.order_key
    FROM days k, params p
    WHERE list_contains(p.types, k.type)
),
activity_days AS (
    SELECT customer_id, min(local_date) AS day FROM known WHERE type = 'purchase' GROUP BY customer_id, order_key
    UNION
    SELECT customer_id, local_date AS day FROM known WHERE type <> 'purchase'
),
active AS (
    SELECT DISTINCT pe.p_start, pe.p_end, a.customer_id
    FROM periods pe, activity_days a
    WHERE a.day BETWEEN pe.p_start AND pe.p_end
)
SELECT pe.p_start,
       count(a.customer_id)  AS active,
       count(nx.customer_id) AS retained
FROM periods pe
LEFT JOIN active a ON a.p_start = pe.p_start
LEFT JOIN active nx ON nx.p_start = pe.p_end + 1 AND nx.customer_id = a.customer_id
GROUP BY pe.p_start
ORDER BY pe.p_start
