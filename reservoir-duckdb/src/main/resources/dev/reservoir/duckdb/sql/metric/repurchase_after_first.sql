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
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 first_start DATE, 4 w INTEGER (days),
--   5 split VARCHAR, 6 attr_path VARCHAR (see repurchase_in_period); {unit} as there
-- Result: period_start, grp, is_total, buyers, returned, pending, pending_returned
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS first_start,
           ?::INTEGER AS w, ?::VARCHAR AS split, ?::VARCHAR AS attr_path
),
{orders_as_of},
first_time AS (
    -- the first order day (no earlier one); a second order within w days is a second order on
    -- that day or a next order day up to D no later than first + w
    SELECT customer_key,
           CAST(date_trunc({unit}, order_date) AS DATE)                             AS period_start,
           order_date + p.w > p.d                                                   AS pending,
           orders >= 2 OR coalesce(next_order_day <= order_date + p.w, false)       AS bought_again
    FROM orders, params p
    WHERE prev_order_day IS NULL AND order_date >= p.first_start
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
