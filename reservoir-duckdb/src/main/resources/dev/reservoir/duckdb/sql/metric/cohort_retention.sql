-- cohort_retention: per cohort, the counts every retention mode is computed from (SPEC metric 5).
-- A cohort is the customers whose entry date (see retention_returns) falls in one period
-- (date_trunc(unit): day, ISO week from Monday, month, ...) from first_cohort up to D's period.
-- A return at date r of a member who entered on date x in cohort period c has offset
-- k = periods between c and the period of r, and counts only when r >= x (nothing before the
-- entry is a return; the entry itself is not in activity).
-- Parameters 1-5: those of retention_returns; then
--   6 first_cohort  the first day of the oldest cohort reported
-- {unit}, written in by the caller as a constant: 'day', 'week', 'month', 'quarter' or 'year'
-- (PeriodUnit wire names); a constant part lets date_trunc and date_diff run their fast path
-- Rows (what, cohort_start, k, n):
--   size   k NULL  members of the cohort
--   on     k       members with a return in period k               -> mode "on"
--   last   k       members whose last return is in period k         -> "on or after" k = sum over j >= k
--   first  k >= 1  members whose first return after period 0 is in k -> "within" k = sum over 1 <= j <= k
WITH {retention_returns},
unit_params AS (
    SELECT ?::DATE AS first_cohort
),
members AS (
    SELECT customer_key, entry_date, date_trunc({unit}, entry_date)::DATE AS cohort_start
    FROM entries, unit_params
    WHERE date_trunc({unit}, entry_date) >= first_cohort
),
returns AS (
    SELECT DISTINCT m.customer_key, m.cohort_start,
           date_diff({unit}, m.cohort_start, date_trunc({unit}, a.day)::DATE) AS k
    FROM members m JOIN activity a ON a.customer_key = m.customer_key AND a.day >= m.entry_date, unit_params
),
per_member AS (
    SELECT customer_key, cohort_start, max(k) AS last_k, min(k) FILTER (WHERE k >= 1) AS first_k
    FROM returns
    GROUP BY customer_key, cohort_start
)
SELECT 'size' AS what, cohort_start, NULL::BIGINT AS k, count(*) AS n FROM members GROUP BY cohort_start
UNION ALL
SELECT 'on', cohort_start, k, count(*) FROM returns GROUP BY cohort_start, k
UNION ALL
SELECT 'last', cohort_start, last_k, count(*) FROM per_member GROUP BY cohort_start, last_k
UNION ALL
SELECT 'first', cohort_start, first_k, count(*) FROM per_member WHERE first_k IS NOT NULL GROUP BY cohort_start, first_k
