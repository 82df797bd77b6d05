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
-- Result: one row per gap length (days, gaps) and a total row with days = NULL (all gaps, and
-- customers with at least one gap: those whose first activity day has a next one up to D).
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types
),
{customer_days},
{activity_days},
{activity_links},
gaps AS (
    SELECT day - prev_day AS gap
    FROM activity_links
    WHERE prev_day IS NOT NULL
)
SELECT gap AS days, count(*) AS gaps, NULL::BIGINT AS customers
FROM gaps
GROUP BY gap
UNION ALL
SELECT NULL, (SELECT count(*) FROM gaps),
       (SELECT count(*) FROM activity_links WHERE prev_day IS NULL AND next_day IS NOT NULL)
ORDER BY days NULLS FIRST
