-- repeat_purchase_days (SPEC § Prediction, the tracking plot's actual line): per local date up
-- to H, the number of repeat purchase days of the cohort of customer_summaries (first purchase
-- day F <= E): purchase days after the customer's own F, several purchases on one day once.
-- Days without one are absent (the engine writes them as 0).
-- Parameters (bound, in this order): 1 e DATE, 2 known_at TIMESTAMPTZ, 3 h DATE
-- Result: day, repeat_purchases; by day
WITH params AS (
    SELECT ?::DATE AS e, ?::TIMESTAMPTZ AS known_at, ?::DATE AS h
),
days AS (
    SELECT DISTINCT customer_id, local_date AS day
    FROM events, params p
    WHERE local_date <= p.h AND ingested_at <= p.known_at
      AND customer_id IS NOT NULL AND type = 'purchase'
),
firsts AS (
    SELECT customer_id, min(day) AS first_day FROM days GROUP BY customer_id
)
SELECT d.day, count(*) AS repeat_purchases
FROM days d JOIN firsts f ON f.customer_id = d.customer_id, params p
WHERE f.first_day <= p.e AND d.day > f.first_day
GROUP BY d.day
ORDER BY d.day
