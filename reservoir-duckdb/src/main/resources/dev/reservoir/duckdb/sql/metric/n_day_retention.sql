-- n_day_retention: N-day retention of new members (SPEC metric 5). For each N: of the customers
-- whose entry date x satisfies x + N <= D (their window is complete by D), those with a return
-- on a date in (x, x + N] (within) and on x + N exactly (on day N). Entries and returns: see
-- retention_returns (a same-day second order is a return in period 0 of a cohort, but not
-- inside (x, x + N], which starts the day after).
-- Parameters 1-5: those of retention_returns; then
--   6 days  the N, comma-separated integers
WITH {retention_returns},
windows AS (
    SELECT unnest(string_split(?::VARCHAR, ','))::INTEGER AS n
),
eligible AS (
    SELECT w.n, en.customer_key, en.entry_date
    FROM windows w JOIN entries en ON en.entry_date + w.n <= (SELECT d FROM params)
),
hits AS (
    SELECT el.n, el.customer_key, bool_or(a.day = el.entry_date + el.n) AS on_day
    FROM eligible el JOIN activity a
      ON a.customer_key = el.customer_key AND a.day > el.entry_date AND a.day <= el.entry_date + el.n
    GROUP BY el.n, el.customer_key
)
SELECT w.n,
       count(el.customer_key)                       AS entered,
       count(h.customer_key)                        AS returned_within,
       count(h.customer_key) FILTER (WHERE h.on_day) AS returned_on_day
FROM windows w
LEFT JOIN eligible el ON el.n = w.n
LEFT JOIN hits h ON h.n = el.n AND h.customer_key = el.customer_key
GROUP BY w.n
