-- return_gaps: the churn window from history (SPEC metric 3, "auto").
--
-- Definition (docs/metrics.md, "Churn window from history"):
--   gap    days between two consecutive activity days of one customer (for purchases the
--          order's date); two activities on one day are one activity day, so a gap is >= 1
--   curve  share of gaps <= g for g = 1 .. longest gap, cumulated by the caller from the
--          counts below; the recommended N is the smallest g whose share reaches the chosen level
-- Only days up to D are known; anonymous events never count.
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = activity event types, comma-separated
-- Result: one row per gap length (days, gaps, customers) and a total row with days = NULL
-- (all gaps, customers with at least one gap).
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types
),
{customer_days},
{activity_days},
gaps AS (
    SELECT customer_key, day - lag(day) OVER (PARTITION BY customer_key ORDER BY day) AS gap
    FROM activity_days
)
SELECT gap AS days, count(*) AS gaps, count(DISTINCT customer_key) AS customers
FROM gaps
WHERE gap IS NOT NULL
GROUP BY GROUPING SETS ((gap), ())
ORDER BY gap NULLS FIRST
