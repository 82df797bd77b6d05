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
-- Every count is made per N from rows of customers, never per eligible customer and N: one
-- join of the entries with their returns serves every N (a range join per N did not).
entered AS (
    -- customers whose window is complete by D: x + N <= D
    SELECT w.n, count(*) AS customers
    FROM entries en, windows w, params p
    WHERE en.entry_date + w.n <= p.d
    GROUP BY w.n
),
returns_after_entry AS (
    -- every return after the entry date x, beside x
    SELECT en.customer_key, en.entry_date, a.day
    FROM entries en JOIN activity a ON a.customer_key = en.customer_key AND a.day > en.entry_date
),
first_return AS (
    SELECT customer_key, any_value(entry_date) AS entry_date, min(day) AS first_day
    FROM returns_after_entry
    GROUP BY customer_key
),
within AS (
    -- returned within N: the first return after x is no later than x + N
    SELECT w.n, count(*) AS customers
    FROM first_return f, windows w, params p
    WHERE f.entry_date + w.n <= p.d AND f.first_day <= f.entry_date + w.n
    GROUP BY w.n
),
on_day AS (
    -- a return on x + N exactly: activity has one row per customer and day, so each customer
    -- counts at most once per N
    SELECT w.n, count(*) AS customers
    FROM returns_after_entry r JOIN windows w ON w.n = r.day - r.entry_date, params p
    WHERE r.entry_date + w.n <= p.d
    GROUP BY w.n
)
SELECT w.n,
       coalesce(e.customers, 0) AS entered,
       coalesce(i.customers, 0) AS returned_within,
       coalesce(o.customers, 0) AS returned_on_day
FROM windows w
LEFT JOIN entered e ON e.n = w.n
LEFT JOIN within i ON i.n = w.n
LEFT JOIN on_day o ON o.n = w.n
