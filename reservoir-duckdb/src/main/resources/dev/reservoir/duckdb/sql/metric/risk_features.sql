-- risk_features: the behaviour features of the learned churn risk as of F (dev.reservoir.model.RiskFeature,
-- docs/models.md "Churn risk"), one row per customer of the population.
--
-- Definition:
--   activity day   a day of the rule's activity (activity_days: purchases on the order's date)
--   population     customers with an activity day <= F and F - last activity day < N (not churned)
--   recency_days   F - last activity day;  tenure_days  F - first day with any event
--   active_days*   activity days up to F, in (F-30, F], in (F-90, F]
--   orders*, money*  orders (rollup `orders`) and purchase amounts up to F, in (F-90, F]
--   avg_order_value  money / orders (NULL without orders);  days_since_order  F - last order date
--   gap_mean, gap_last  mean gap between consecutive activity days, the last such gap (NULL with < 2)
--   gap_trend      gap_last / gap_mean;  overdue  recency_days / gap_mean
--   visit_days_*   days with a visit or page_view in (F-30, F], (F-90, F];  events_30  events in (F-30, F]
--   complaint_days*  days with a complaint up to F, in (F-90, F];  refunds  refund events up to F
--   is_new         1 when F - first day < N;  is_silent  1 when recency_days >= W
-- Every value reads rows of `days` (the rollup up to F) only: deleting later events changes nothing.
--
-- Parameters: 1 = F;  2 = known-at instant;  3 = activity event types, comma-separated;
--   4 = warning day W;  5 = churn window N
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, string_split(?, ',') AS types,
           CAST(? AS INTEGER) AS warning_days, CAST(? AS INTEGER) AS churn_days
),
{customer_days},
{activity_days},
bits AS (
    SELECT (1 << (list_position({event_types}, 'visit') - 1)) | (1 << (list_position({event_types}, 'page_view') - 1)) AS visit,
           (1 << (list_position({event_types}, 'complaint') - 1))                                                        AS complaint
),
gaps AS (
    SELECT a.customer_key, a.day,
           a.day - lag(a.day) OVER (PARTITION BY a.customer_key ORDER BY a.day)       AS gap,
           row_number() OVER (PARTITION BY a.customer_key ORDER BY a.day DESC)          AS back
    FROM activity_days a
),
active AS (
    SELECT g.customer_key, max(g.day) AS last_active, count(*) AS active_days,
           count(*) FILTER (WHERE g.day > p.d - 30)                                    AS active_days_30,
           count(*) FILTER (WHERE g.day > p.d - 90)                                    AS active_days_90,
           avg(g.gap)                                                                  AS gap_mean,
           max(g.gap) FILTER (WHERE g.back = 1)                                        AS gap_last
    FROM gaps g, params p
    GROUP BY g.customer_key, p.d, p.churn_days
    HAVING p.d - max(g.day) < p.churn_days
),
per_customer AS (
    SELECT r.customer_key, min(r.day) AS first_day,
           sum(r.orders)                                                               AS orders,
           sum(r.orders) FILTER (WHERE r.day > p.d - 90)                               AS orders_90,
           sum(r.amount)                                                               AS money,
           sum(r.amount) FILTER (WHERE r.day > p.d - 90)                               AS money_90,
           max(r.day) FILTER (WHERE r.orders > 0)                                      AS last_order,
           count(*) FILTER (WHERE (r.types & b.visit) <> 0 AND r.day > p.d - 30)       AS visit_days_30,
           count(*) FILTER (WHERE (r.types & b.visit) <> 0 AND r.day > p.d - 90)       AS visit_days_90,
           sum(r.events) FILTER (WHERE r.day > p.d - 30)                               AS events_30,
           count(*) FILTER (WHERE (r.types & b.complaint) <> 0)                        AS complaint_days,
           count(*) FILTER (WHERE (r.types & b.complaint) <> 0 AND r.day > p.d - 90)   AS complaint_days_90,
           sum(r.refunds)                                                              AS refunds
    FROM days r, params p, bits b
    WHERE r.customer_key IN (SELECT customer_key FROM active)
    GROUP BY r.customer_key
)
SELECT k.customer_id,
       CAST(p.d - a.last_active AS DOUBLE)                                             AS recency_days,
       CAST(p.d - c.first_day AS DOUBLE)                                               AS tenure_days,
       CAST(a.active_days AS DOUBLE)                                                   AS active_days,
       CAST(a.active_days_30 AS DOUBLE)                                                AS active_days_30,
       CAST(a.active_days_90 AS DOUBLE)                                                AS active_days_90,
       CAST(coalesce(c.orders, 0) AS DOUBLE)                                           AS orders,
       CAST(coalesce(c.orders_90, 0) AS DOUBLE)                                        AS orders_90,
       CAST(coalesce(c.money, 0) AS DOUBLE)                                            AS money,
       CAST(coalesce(c.money_90, 0) AS DOUBLE)                                         AS money_90,
       CAST(c.money AS DOUBLE) / nullif(c.orders, 0)                                   AS avg_order_value,
       CAST(p.d - c.last_order AS DOUBLE)                                              AS days_since_order,
       CAST(a.gap_mean AS DOUBLE)                                                      AS gap_mean,
       CAST(a.gap_last AS DOUBLE)                                                      AS gap_last,
       CAST(a.gap_last AS DOUBLE) / nullif(a.gap_mean, 0)                              AS gap_trend,
       CAST(p.d - a.last_active AS DOUBLE) / nullif(a.gap_mean, 0)                     AS overdue,
       CAST(c.visit_days_30 AS DOUBLE)                                                 AS visit_days_30,
       CAST(c.visit_days_90 AS DOUBLE)                                                 AS visit_days_90,
       CAST(coalesce(c.events_30, 0) AS DOUBLE)                                        AS events_30,
       CAST(c.complaint_days AS DOUBLE)                                                AS complaint_days,
       CAST(c.complaint_days_90 AS DOUBLE)                                             AS complaint_days_90,
       CAST(coalesce(c.refunds, 0) AS DOUBLE)                                          AS refunds,
       CASE WHEN p.d - c.first_day < p.churn_days THEN 1.0 ELSE 0.0 END                AS is_new,
       CASE WHEN p.d - a.last_active >= p.warning_days THEN 1.0 ELSE 0.0 END           AS is_silent
FROM active a
JOIN per_customer c ON c.customer_key = a.customer_key
JOIN customer_keys k ON k.customer_key = a.customer_key, params p
ORDER BY k.customer_id
