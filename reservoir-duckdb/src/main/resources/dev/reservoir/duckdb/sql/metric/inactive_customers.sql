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
{activity_days},
{activity_links},
listed AS (
    -- the last activity day up to D is the one with no next activity day up to D
    SELECT a.customer_key, a.day AS last_activity, p.d - a.day AS days_silent
    FROM activity_links a, params p
    WHERE a.next_day IS NULL AND p.d - a.day BETWEEN p.min_silent AND p.max_silent
),
purchases AS (
    SELECT customer_key, sum(orders) AS orders, coalesce(sum(amount), 0) AS money
    FROM days
    WHERE customer_key IN (SELECT customer_key FROM listed)
    GROUP BY customer_key
)
SELECT k.customer_id, l.last_activity, l.days_silent,
       coalesce(o.orders, 0) AS orders, coalesce(o.money, 0) AS money
FROM listed l
JOIN customer_keys k ON k.customer_key = l.customer_key
LEFT JOIN purchases o ON o.customer_key = l.customer_key
ORDER BY money DESC, k.customer_id
