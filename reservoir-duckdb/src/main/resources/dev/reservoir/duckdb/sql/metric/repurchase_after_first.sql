-- repurchase_after_first (SPEC metric 6 (b)): of the first-time buyers of period P (first order
-- ever dated in P), the share who bought again within W days.
--   first order date d  the customer's earliest order date up to D (an order's date is the
--                       earliest local date of its lines)
--   bought again        another order (a different order key) dated in [d, d + W]: a second
--                       order on day d itself counts (SPEC: "even on the same day")
--   pending             d + W > D: the window (d, d + W] has not ended by D, so the outcome is
--                       not known; such buyers are counted apart, not as "not returned"
--   returned            window ended (d + W <= D) and bought again
--   pending_returned    pending buyers who already bought again (for information)
--   group               as in repurchase_in_period (NULL = unknown)
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 unit VARCHAR, 4 first_start DATE, 5 w INTEGER (days),
--   6 split VARCHAR, 7 attr_path VARCHAR (see repurchase_in_period)
-- Result: period_start, grp, is_total, buyers, returned, pending, pending_returned
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::VARCHAR AS unit, ?::DATE AS first_start,
           ?::INTEGER AS w, ?::VARCHAR AS split, ?::VARCHAR AS attr_path
),
{orders_as_of},
per_customer AS (
    SELECT customer_key, min(order_date) AS first_date, list({'day': order_date, 'n': orders}) AS days
    FROM orders
    GROUP BY customer_key
),
first_time AS (
    SELECT customer_key,
           CAST(date_trunc(p.unit, first_date) AS DATE)                             AS period_start,
           first_date + p.w > p.d                                                   AS pending,
           list_sum(list_transform(list_filter(days, x -> x.day <= first_date + p.w), x -> x.n)) >= 2 AS bought_again
    FROM per_customer, params p
    WHERE first_date >= p.first_start
),
{split_groups}
SELECT f.period_start, pr.grp, GROUPING(pr.grp) AS is_total,
       count(*)                                               AS buyers,
       count(*) FILTER (WHERE NOT f.pending AND f.bought_again) AS returned,
       count(*) FILTER (WHERE f.pending)                       AS pending,
       count(*) FILTER (WHERE f.pending AND f.bought_again)    AS pending_returned
FROM first_time f LEFT JOIN profiles pr ON pr.customer_key = f.customer_key
GROUP BY GROUPING SETS ((f.period_start), (f.period_start, pr.grp))
ORDER BY f.period_start, is_total DESC, pr.grp NULLS LAST
