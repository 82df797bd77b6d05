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
{activity_days},
active AS (
    -- an event of the types that day: a purchase line counts on its own date
    SELECT d.customer_key, d.day
    FROM days d, activity_mask m, params p
    WHERE (d.types & m.all_bits) <> 0 AND d.day >= least(p.week_start, p.month_start, p.series_start)
)
SELECT 'day' AS kind, day, count(*) AS customers
FROM active, params p WHERE day >= p.series_start GROUP BY day
UNION ALL
SELECT 'week', NULL, count(DISTINCT customer_key) FROM active, params p WHERE day >= p.week_start
UNION ALL
SELECT 'month', NULL, count(DISTINCT customer_key) FROM active, params p WHERE day >= p.month_start
ORDER BY kind, day
