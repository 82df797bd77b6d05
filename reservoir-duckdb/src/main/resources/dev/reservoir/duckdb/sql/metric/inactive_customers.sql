-- inactive_customers: the silent (early-warning, 沉寂预警) and churned (已流失) lists of a churn
-- rule (SPEC metric 4).
--
-- Definition (docs/metrics.md, "Silent and churned customers"):
--   last activity L  the customer's latest activity day up to D (for purchases the order's date)
--   days silent      D - L
--   silent list      W <= D - L <= N - 1
--   churned list     N <= D - L <= N + lookBack - 1 (reached the standard in the last lookBack days)
--   orders, money    distinct orders and the sum of purchase amounts up to D (refunds not
--                    subtracted), whatever the activity of the rule
--   order            money, highest first, then customer id (text order)
-- Anonymous events never count.
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = activity event types, comma-separated;
--   4 = smallest days silent;  5 = largest days silent
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types,
           CAST(? AS INTEGER) AS min_silent, CAST(? AS INTEGER) AS max_silent
),
{customer_days},
known AS (
    SELECT customer_id, type, local_date, order_key, amount FROM days
),
activity_days AS (
    SELECT k.customer_id, min(k.local_date) AS day
    FROM known k, params p
    WHERE k.type = 'purchase' AND list_contains(p.types, 'purchase')
    GROUP BY k.customer_id, k.order_key
    UNION
    SELECT k.customer_id, k.local_date AS day
    FROM known k, params p
    WHERE k.type <> 'purchase' AND list_contains(p.types, k.type)
),
listed AS (
    SELECT a.customer_id, max(a.day) AS last_activity, any_value(p.d) - max(a.day) AS days_silent
    FROM activity_days a, params p
    GROUP BY a.customer_id
    HAVING any_value(p.d) - max(a.day) BETWEEN any_value(p.min_silent) AND any_value(p.max_silent)
),
purchases AS (
    SELECT customer_id, count(DISTINCT order_key) AS orders, coalesce(sum(amount), 0) AS money
    FROM known
    WHERE type = 'purchase' AND customer_id IN (SELECT customer_id FROM listed)
    GROUP BY customer_id
)
SELECT l.customer_id, l.last_activity, l.days_silent,
       coalesce(o.orders, 0) AS orders, coalesce(o.money, 0) AS money
FROM listed l LEFT JOIN purchases o ON o.customer_id = l.customer_id
ORDER BY money DESC, l.customer_id
