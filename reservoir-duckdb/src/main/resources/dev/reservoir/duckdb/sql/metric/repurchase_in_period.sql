-- repurchase_in_period (SPEC metric 6 (a), 复购率): of the customers with an order dated in
-- period P, the share with two or more orders dated in P.
--   order        purchases sharing coalesce(order_id, event_id) (per customer); its date is the
--                earliest local date of its lines; refunds are not orders; zero amounts count
--   as of D      only lines with local_date <= D and ingested_at <= known-at
--   group        the customer's value of the split attribute (NULL = unknown: no profile known
--                at known-at, or no value in it); the GROUPING SETS give the all-customers row
--                (is_total = 1) beside each group's row
-- Parameters (bound, in this order):
--   1 d            DATE     the as-of date D, in the tenant's zone
--   2 known_at     TIMESTAMPTZ  only rows ingested by then count
--   3 first_start  DATE     the first day of the oldest period reported
--   4 split        VARCHAR  none | paid_member | member_tier | store_id | channel | attribute
--   5 attr_path    VARCHAR  JSON pointer of the attribute key (split = attribute), else NULL
-- {unit}, written in by the caller as a constant from PeriodUnit's wire names: day | week |
-- month | quarter | year (date_trunc; week = ISO, Monday). A constant part lets date_trunc run
-- its fast path; a part read from a parameters row is parsed again for every row.
-- Result: period_start, grp, is_total, buyers, repeat_buyers
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS first_start,
           ?::VARCHAR AS split, ?::VARCHAR AS attr_path
),
{orders_as_of},
buyer_period AS (
    -- one row per buyer and period: the buyer's first order day in the period (the previous
    -- order day is in an earlier period); two or more orders in the period are two on that day
    -- or a next order day (up to D) in the same period
    -- (the previous order day is before the order day, so it is in an earlier period exactly when
    -- it is before the period's start: one date_trunc per row less)
    SELECT customer_key, period_start,
           CASE WHEN orders >= 2 OR coalesce(CAST(date_trunc({unit}, next_order_day) AS DATE) = period_start, false)
                THEN 2 ELSE 1 END AS orders
    FROM (SELECT o.*, CAST(date_trunc({unit}, o.order_date) AS DATE) AS period_start
          FROM orders o, params p
          WHERE o.order_date >= p.first_start)
    WHERE prev_order_day IS NULL OR prev_order_day < period_start
),
{split_groups}
SELECT b.period_start, pr.grp, GROUPING(pr.grp) AS is_total,
       count(*)                             AS buyers,
       count(*) FILTER (WHERE b.orders >= 2) AS repeat_buyers
FROM buyer_period b LEFT JOIN profiles pr ON pr.customer_key = b.customer_key
GROUP BY GROUPING SETS ((b.period_start), (b.period_start, pr.grp))
ORDER BY b.period_start, is_total DESC, pr.grp NULLS LAST
