-- cohort_retention_members: the per-customer table behind cohort_retention: each member of the
-- cohorts from first_cohort to D's period, its entry date, cohort and the offsets (ascending) of
-- the periods it returned in. Same parameters and rules as cohort_retention.
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
    SELECT DISTINCT m.customer_key, date_diff({unit}, m.cohort_start, date_trunc({unit}, a.day)::DATE) AS k
    FROM members m JOIN activity a ON a.customer_key = m.customer_key AND a.day >= m.entry_date, unit_params
)
SELECT any_value(ck.customer_id) AS customer_id, m.entry_date, m.cohort_start,
       coalesce(list_sort(list(r.k) FILTER (WHERE r.k IS NOT NULL)), []) AS offsets
FROM members m
JOIN customer_keys ck ON ck.customer_key = m.customer_key
LEFT JOIN returns r ON r.customer_key = m.customer_key
GROUP BY m.customer_key, m.entry_date, m.cohort_start
ORDER BY m.cohort_start, customer_id
