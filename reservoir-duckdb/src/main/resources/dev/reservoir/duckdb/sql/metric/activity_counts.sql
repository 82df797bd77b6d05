-- activity_counts (SPEC metric 12): DAU, WAU, MAU and the daily DAU series as of D.
--   active on a day   the customer has an event of one of the activity's types with that local
--                     date (anonymous visitors never count)
--   DAU               active on D
--   WAU / MAU         active on any day in [week_start, D] / [month_start, D]: the 7 and 30
--                     days ending on D (rolling) or D's ISO week / month (calendar); the
--                     engine computes the start dates
--   series            DAU of each day in [series_start, D] with any activity (days without
--                     activity are absent; the engine writes them as 0)
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 types VARCHAR (comma-separated wire names, checked
--   against the event types by the engine), 4 week_start DATE, 5 month_start DATE,
--   6 series_start DATE
-- Result: kind (day | week | month), day (for kind = day), customers
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, string_split(?::VARCHAR, ',') AS types,
           ?::DATE AS week_start, ?::DATE AS month_start, ?::DATE AS series_start
),
{customer_days},
active AS (
    SELECT DISTINCT customer_id, local_date
    FROM days, params p
    WHERE local_date >= least(p.week_start, p.month_start, p.series_start) AND list_contains(p.types, type)
)
SELECT 'day' AS kind, local_date AS day, count(*) AS customers
FROM active, params p WHERE local_date >= p.series_start GROUP BY local_date
UNION ALL
SELECT 'week', NULL, count(DISTINCT customer_id) FROM active, params p WHERE local_date >= p.week_start
UNION ALL
SELECT 'month', NULL, count(DISTINCT customer_id) FROM active, params p WHERE local_date >= p.month_start
ORDER BY kind, day
