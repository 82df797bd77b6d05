-- cohort_retention_members: the per-customer table behind cohort_retention: each member of the
-- cohorts from first_cohort to D's period, its entry date, cohort and the offsets (ascending) of
-- the periods it returned in. Same parameters and rules as cohort_retention.
WITH {retention_returns},
unit_params AS (
    SELECT ?::VARCHAR AS unit, ?::DATE AS first_cohort
),
members AS (
    SELECT customer_id, entry_date, date_trunc(unit, entry_date)::DATE AS cohort_start
    FROM entries, unit_params
    WHERE date_trunc(unit, entry_date) >= first_cohort
),
returns AS (
    SELECT DISTINCT m.customer_id, date_diff(unit, m.cohort_start, date_trunc(unit, a.day)::DATE) AS k
    FROM members m JOIN activity a ON a.customer_id = m.customer_id AND a.day >= m.entry_date, unit_params
)
SELECT m.customer_id, m.entry_date, m.cohort_start,
       coalesce(list_sort(list(r.k) FILTER (WHERE r.k IS NOT NULL)), []) AS offsets
FROM members m LEFT JOIN returns r ON r.customer_id = m.customer_id
GROUP BY m.customer_id, m.entry_date, m.cohort_start
ORDER BY m.cohort_start, m.customer_id
