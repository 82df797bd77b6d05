-- segment_facts: what RFM, lifecycle stages and tags know about each customer as of D
-- (docs/segments.md, "Customer facts"). One row per customer with an event on or before D, or
-- with a profile registered on or before D, in no particular order (every user of the rows sorts
-- them as it needs: sorting a million ids here would cost the same again). Anonymous events never count.
--
--   registered          the earlier of the first 'register' event's date and the profile's
--                       registered_at as a local date in the tenant's zone
--   first_seen          first event of any type; last_active: last customer-initiated event
--                       (every type but message_sent and coupon_sent, which the merchant does)
--   active_days_7       distinct dates with a customer-initiated event in [D - 6, D]
--   orders              purchases sharing coalesce(order_id, event_id) are one order; its date is
--                       its earliest line's date, its amount the sum of its lines
--   first/last_order, orders, money            over all orders up to D
--   window_orders, window_money, window_last_order
--                       F, M and the last order of the RFM window [D - L + 1, D], by order date
--   window_refunds      refund events dated in the window
--   activity days       of the churn rule: order dates when it names purchase, and the dates of
--                       its other event types; first/last activity; last_return = the latest
--                       activity day whose gap to the previous one is N days or more
--   complaints          complaint events; reviews: review events whose properties.rating is 1-5
--   categories          distinct non-empty categories of purchase lines, sorted, joined by U+001F
--   profile             paid_member, member_tier, store_id, channel, attributes (JSON text)
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = window start D - L + 1;
--   4 = activity event types, comma-separated;  5 = N;  6 = the tenant's zone
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, CAST(? AS DATE) AS w_start,
           string_split(?, ',') AS types, CAST(? AS INTEGER) AS n, CAST(? AS VARCHAR) AS zone
),
known AS (
    SELECT e.customer_id, e.type, e.local_date, coalesce(e.order_id, e.event_id) AS order_key, e.amount,
           e.category, e.local_date >= p.w_start AS in_window, e.local_date > p.d - 7 AS in_week,
           CASE WHEN e.type = 'review'
                THEN TRY_CAST(json_extract_string(e.properties, '$.rating') AS INTEGER) END AS rating
    FROM events e, params p
    WHERE e.local_date <= p.d AND e.ingested_at <= p.known_at AND e.customer_id IS NOT NULL
),
orders AS (
    SELECT k.customer_id, k.order_key, min(k.local_date) AS order_date, sum(k.amount) AS amount,
           min(k.local_date) >= any_value(p.w_start) AS in_window
    FROM known k, params p
    WHERE k.type = 'purchase'
    GROUP BY k.customer_id, k.order_key
),
order_facts AS (
    SELECT o.customer_id,
           min(o.order_date)                                                   AS first_order,
           max(o.order_date)                                                   AS last_order,
           count(*)                                                            AS orders,
           coalesce(sum(o.amount), 0)                                          AS money,
           count(*) FILTER (WHERE o.in_window)        AS window_orders,
           coalesce(sum(o.amount) FILTER (WHERE o.in_window), 0) AS window_money,
           max(o.order_date) FILTER (WHERE o.in_window) AS window_last_order
    FROM orders o
    GROUP BY o.customer_id
),
event_facts AS (
    SELECT k.customer_id,
           min(k.local_date)                                                   AS first_seen,
           min(k.local_date) FILTER (WHERE k.type = 'register')                AS first_register,
           max(k.local_date) FILTER (WHERE k.type NOT IN ('message_sent', 'coupon_sent')) AS last_active,
           count(DISTINCT k.local_date) FILTER (WHERE k.type NOT IN ('message_sent', 'coupon_sent')
                                                AND k.in_week) AS active_days_7,
           count(*) FILTER (WHERE k.type = 'refund' AND k.in_window) AS window_refunds,
           count(*) FILTER (WHERE k.type = 'complaint')                        AS complaints,
           count(*) FILTER (WHERE k.rating BETWEEN 1 AND 5)                    AS reviews,
           count(*) FILTER (WHERE k.rating = 5)                                AS five_star_reviews,
           min(k.rating) FILTER (WHERE k.rating BETWEEN 1 AND 5)               AS min_rating,
           avg(k.rating) FILTER (WHERE k.rating BETWEEN 1 AND 5)               AS average_rating,
           -- one text joined by U+001F rather than a LIST: reading a million LIST values
           -- through JDBC costs more than the whole aggregate
           string_agg(DISTINCT k.category, chr(31) ORDER BY k.category)
               FILTER (WHERE k.type = 'purchase' AND k.category IS NOT NULL AND k.category <> '') AS categories
    FROM known k
    GROUP BY k.customer_id
),
activity_days AS (
    SELECT o.customer_id, o.order_date AS day
    FROM orders o, params p
    WHERE list_contains(p.types, 'purchase')
    UNION
    SELECT k.customer_id, k.local_date AS day
    FROM known k, params p
    WHERE k.type <> 'purchase' AND list_contains(p.types, k.type)
),
gaps AS (
    SELECT customer_id, day, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap
    FROM activity_days
),
activity_facts AS (
    SELECT g.customer_id, min(g.day) AS first_activity, max(g.day) AS last_activity,
           max(g.day) FILTER (WHERE g.gap >= p.n) AS last_return
    FROM gaps g, params p
    GROUP BY g.customer_id, p.n
),
profiles AS (
    SELECT c.customer_id, CAST(timezone(p.zone, c.registered_at) AS DATE) AS registered,
           c.paid_member, c.member_tier, c.store_id, c.channel, c.attributes
    FROM customers c, params p
    WHERE c.ingested_at <= p.known_at
),
listed AS (
    SELECT coalesce(e.customer_id, pr.customer_id) AS customer_id, e.first_seen, e.first_register,
           e.last_active, e.active_days_7, e.window_refunds, e.complaints, e.reviews, e.five_star_reviews,
           e.min_rating, e.average_rating, e.categories,
           pr.registered, pr.paid_member, pr.member_tier, pr.store_id, pr.channel, pr.attributes
    FROM event_facts e FULL OUTER JOIN profiles pr ON pr.customer_id = e.customer_id, params p
    WHERE e.customer_id IS NOT NULL OR pr.registered <= p.d
)
SELECT l.customer_id,
       CASE WHEN l.first_register IS NULL THEN l.registered
            WHEN l.registered IS NULL OR l.first_register < l.registered THEN l.first_register
            ELSE l.registered END                                              AS registered,
       l.first_seen, l.last_active, coalesce(l.active_days_7, 0) AS active_days_7,
       o.first_order, o.last_order, coalesce(o.orders, 0) AS orders, coalesce(o.money, 0) AS money,
       coalesce(o.window_orders, 0) AS window_orders, coalesce(o.window_money, 0) AS window_money,
       o.window_last_order, coalesce(l.window_refunds, 0) AS window_refunds,
       a.first_activity, a.last_activity, a.last_return,
       coalesce(l.complaints, 0) AS complaints, coalesce(l.reviews, 0) AS reviews,
       coalesce(l.five_star_reviews, 0) AS five_star_reviews, coalesce(l.min_rating, 0) AS min_rating,
       l.average_rating, l.categories,
       l.paid_member, l.member_tier, l.store_id, l.channel, l.attributes
FROM listed l
LEFT JOIN order_facts o ON o.customer_id = l.customer_id
LEFT JOIN activity_facts a ON a.customer_id = l.customer_id
