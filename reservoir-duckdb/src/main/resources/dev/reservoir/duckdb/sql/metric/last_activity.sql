-- last_activity: each customer's last activity day on or before D (the churn label of the
-- learned churn risk is read from it: churned at D when D - last activity >= N).
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = activity event types, comma-separated
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types
),
{customer_days},
{activity_days}
SELECT k.customer_id, max(a.day) AS last_active
FROM activity_days a
JOIN customer_keys k ON k.customer_key = a.customer_key
GROUP BY k.customer_id
ORDER BY k.customer_id
