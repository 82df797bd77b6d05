-- cohort_retention_orders: cohort_retention's rows, the same counts, when the entry is the first
-- purchase and only orders return (the defaults), read from the rollup's order-day neighbours
-- instead of a DISTINCT of every return and a grouping per member. Parameters as
-- cohort_retention's (1-5 those of retention_returns, 6 first_cohort; {unit} a constant).
--
-- Each member's order days (days with orders up to D, each with its previous and next order day
-- up to D) are flagged where a count of cohort_retention takes a member:
--   a return   every order day but the entry day itself, which returns only with a second order
--              that day (prev_order_day IS NULL marks the entry day)
--   on         the member's first return in its period: a return whose previous order day is in
--              an earlier period, or is the entry day when that day had one order (no return)
--   last       the member's last return: the last order day up to D (no next one), if a return
--   first      the first return in a period after the cohort's: the first order day after the
--              cohort's period (its previous order day is in the cohort's period; k >= 1)
-- Each flag holds on one row per member and counted period, so plain counts per cohort and
-- offset give cohort_retention's rows (a group with no member is absent there and here).
WITH {retention_returns},
unit_params AS (
    SELECT ?::DATE AS first_cohort
),
members AS (
    SELECT customer_key, day AS entry_date, orders AS entry_orders, date_trunc({unit}, day)::DATE AS cohort_start
    FROM days, unit_params
    WHERE orders > 0 AND prev_order_day IS NULL AND date_trunc({unit}, day) >= first_cohort
),
periods AS (
    SELECT m.cohort_start, m.entry_date, m.entry_orders, d.orders, d.prev_order_day, d.next_order_day,
           date_trunc({unit}, d.day)::DATE AS period
    FROM members m JOIN days d ON d.customer_key = m.customer_key
    WHERE d.orders > 0
),
flagged AS (
    -- (a previous order day is before the row's day: in an earlier period exactly when it is
    -- before the row's period, and in the cohort's period exactly when it is before the first
    -- period after it, which the row's own is when k = 1; else its date_trunc decides)
    SELECT cohort_start,
           date_diff({unit}, cohort_start, period)                           AS k,
           (prev_order_day IS NOT NULL OR orders >= 2)                       AS is_return,
           prev_order_day IS NULL OR prev_order_day < period
               OR (prev_order_day = entry_date AND entry_orders = 1)          AS first_in_period,
           next_order_day IS NULL                                            AS last_day,
           prev_order_day < period AND date_trunc({unit}, prev_order_day)::DATE = cohort_start AS after_cohort_period
    FROM periods
),
counts AS (
    SELECT cohort_start, k,
           count(*) FILTER (WHERE is_return AND first_in_period)    AS on_n,
           count(*) FILTER (WHERE is_return AND last_day)           AS last_n,
           count(*) FILTER (WHERE k >= 1 AND after_cohort_period)   AS first_n
    FROM flagged
    GROUP BY cohort_start, k
)
SELECT 'size' AS what, cohort_start, NULL::BIGINT AS k, count(*) AS n FROM members GROUP BY cohort_start
UNION ALL
SELECT 'on', cohort_start, k, on_n FROM counts WHERE on_n > 0
UNION ALL
SELECT 'last', cohort_start, k, last_n FROM counts WHERE last_n > 0
UNION ALL
SELECT 'first', cohort_start, k, first_n FROM counts WHERE first_n > 0
