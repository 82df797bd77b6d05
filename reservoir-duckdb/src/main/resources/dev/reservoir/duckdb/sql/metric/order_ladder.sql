-- order_ladder (SPEC metric 6 (c), 首单 → 第 N 单): how many customers reached k orders.
--   orders counted  orders dated in [since, D] (since = D - L + 1 for a look-back of L days,
--                   NULL for all time); an order's date is the earliest local date of its lines
--   result          a histogram: customers by their order count, capped at cap = N + 1 (so that
--                   the conversion N -> N + 1 is known); the engine sums it into "at least k"
--   group           as in repurchase_in_period (NULL = unknown)
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 since DATE (or NULL), 4 cap INTEGER,
--   5 split VARCHAR, 6 attr_path VARCHAR (see repurchase_in_period)
-- Result: orders (1..cap), grp, is_total, customers
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS since, ?::INTEGER AS cap,
           ?::VARCHAR AS split, ?::VARCHAR AS attr_path
),
{orders_as_of},
per_customer AS (
    SELECT customer_key, least(sum(orders), any_value(p.cap)) AS orders
    FROM orders, params p
    WHERE p.since IS NULL OR order_date >= p.since
    GROUP BY customer_key
),
{split_groups}
SELECT c.orders, pr.grp, GROUPING(pr.grp) AS is_total, count(*) AS customers
FROM per_customer c LEFT JOIN profiles pr ON pr.customer_key = c.customer_key
GROUP BY GROUPING SETS ((c.orders), (c.orders, pr.grp))
ORDER BY c.orders, is_total DESC, pr.grp NULLS LAST
