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
--   categories          the non-empty categories of purchase lines, joined by U+001F, with repeats
--                       and in no order: the reader makes them distinct and sorted
--   profile             paid_member, member_tier, store_id, channel, attributes (JSON text)
-- Dates come out as days since 1970-01-01 (NULL for none): the reader makes LocalDates of them
-- directly, where reading DATE values through JDBC goes by java.sql.Date and the default time zone
-- (a third of the reading time). The reader reads the columns by position, in this order.
--
-- Everything but the categories comes from the per-customer-per-day rollup ({customer_days}, so
-- a known-at before the last import reads the same rows made from the events then known). The
-- window's M sums the rollup's order_amount (each order's lines, on the order's date), except
-- for a customer with an order in the window that has lines on a later day (spanning_orders):
-- as of D only its lines up to D count, so those few customers' window orders are summed from
-- their events. The caller writes in as constants (from the same values it binds):
-- {window_start} the window's first day, {churn_days} N, {register_bit} the rollup's bit of
-- 'register', {customer_bits} the bits of every type but message_sent and coupon_sent, {known_at}
-- the known-at instant; {as_of_date} is D. When the activity is orders alone, the activity days
-- are the order days, so first/last activity are first/last order and last_return is day_facts'
-- order_last_return: {first_activity}, {last_activity}, {last_return} name those and
-- {activity_join} is empty (one aggregate and one join of every customer fewer); otherwise they
-- name activity_facts' columns and {activity_join} joins it.
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = window start D - L + 1;
--   4 = activity event types, comma-separated;  5 = N;  6 = the tenant's zone
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, CAST(? AS DATE) AS w_start,
           string_split(?, ',') AS types, CAST(? AS INTEGER) AS n, CAST(? AS VARCHAR) AS zone
),
{customer_days},
{activity_days},
{activity_links},
day_facts AS (
    -- CASE inside plain aggregates rather than FILTER clauses: one pass, no selection per aggregate
    SELECT customer_key,
           min(day)                                                                         AS first_seen,
           min(CASE WHEN (types & {register_bit}) <> 0 THEN day END)                        AS first_register,
           max(CASE WHEN (types & {customer_bits}) <> 0 THEN day END)                       AS last_active,
           count(CASE WHEN (types & {customer_bits}) <> 0 AND day > {as_of_date} - 7 THEN 1 END) AS active_days_7,
           min(CASE WHEN orders > 0 THEN day END)                                           AS first_order,
           max(CASE WHEN orders > 0 THEN day END)                                           AS last_order,
           sum(orders)::BIGINT                                                              AS orders,
           sum(amount)                                                                      AS money,
           sum(CASE WHEN day >= {window_start} THEN orders END)::BIGINT                     AS window_orders,
           sum(CASE WHEN day >= {window_start} THEN order_amount END)                       AS window_money,
           max(CASE WHEN orders > 0 AND day >= {window_start} THEN day END)                 AS window_last_order,
           bool_or(spanning_orders > 0 AND day >= {window_start})                           AS spanning,
           sum(CASE WHEN day >= {window_start} THEN refunds END)::BIGINT                    AS window_refunds,
           sum(complaints)::BIGINT                                                          AS complaints,
           sum(reviews)::BIGINT                                                             AS reviews,
           sum(five_star_reviews)::BIGINT                                                   AS five_star_reviews,
           min(min_rating)                                                                  AS min_rating,
           sum(rating_sum) / nullif(sum(reviews), 0)                                        AS average_rating,
           -- activity_facts' last_return when the activity is orders alone (see the SELECT)
           max(CASE WHEN orders > 0 AND day - prev_order_day >= {churn_days} THEN day END) AS order_last_return
    FROM days
    GROUP BY customer_key
),
spanning_money AS (
    -- the window's orders of customers with an order there whose lines go past its date,
    -- summed from their lines up to D, as an order's amount is as of D
    SELECT k.customer_key, sum(o.amount) FILTER (WHERE o.order_date >= {window_start}) AS window_money
    FROM (SELECT e.customer_id, min(e.local_date) AS order_date, sum(e.amount) AS amount
          FROM events e
          WHERE e.type = 'purchase' AND e.local_date <= {as_of_date} AND e.ingested_at <= {known_at}
            AND e.customer_id IN (SELECT k.customer_id FROM customer_keys k JOIN day_facts f USING (customer_key)
                                  WHERE f.spanning)
          GROUP BY e.customer_id, coalesce(e.order_id, e.event_id)) o
    JOIN customer_keys k ON k.customer_id = o.customer_id
    GROUP BY k.customer_key
),
activity_facts AS (
    SELECT customer_key, min(day) AS first_activity, max(day) AS last_activity,
           max(day) FILTER (WHERE day - prev_day >= {churn_days}) AS last_return
    FROM activity_links
    GROUP BY customer_key
),
categories AS (
    -- the categories of the customer's purchase lines as they come, joined: the reader removes
    -- repeats and sorts them (a few per customer). Distinct and sorted here cost a third of
    -- the query: a DISTINCT subquery is a second hash aggregate over every (customer, category),
    -- list_distinct and list_sort a list per customer, an ordered string_agg a sort inside the aggregate
    SELECT customer_id, string_agg(category, chr(31)) AS categories
    FROM events
    WHERE type = 'purchase' AND category IS NOT NULL AND category <> '' AND customer_id IS NOT NULL
      AND local_date <= {as_of_date} AND ingested_at <= {known_at}
    GROUP BY customer_id
),
profiles AS (
    SELECT k.customer_key, CAST(timezone(p.zone, c.registered_at) AS DATE) AS registered,
           c.paid_member, c.member_tier, c.store_id, c.channel, c.attributes
    FROM customers c JOIN customer_keys k ON k.customer_id = c.customer_id, params p
    WHERE c.ingested_at <= p.known_at
),
listed AS (
    SELECT coalesce(f.customer_key, pr.customer_key) AS customer_key, f.* EXCLUDE (customer_key), pr.registered, pr.paid_member,
           pr.member_tier, pr.store_id, pr.channel, pr.attributes
    FROM day_facts f FULL OUTER JOIN profiles pr ON pr.customer_key = f.customer_key
    WHERE f.customer_key IS NOT NULL OR pr.registered <= {as_of_date}
)
SELECT k.customer_id,
       CASE WHEN l.first_register IS NULL THEN l.registered
            WHEN l.registered IS NULL OR l.first_register < l.registered THEN l.first_register
            ELSE l.registered END - DATE '1970-01-01'                            AS registered,
       l.first_seen - DATE '1970-01-01' AS first_seen, l.last_active - DATE '1970-01-01' AS last_active,
       coalesce(l.active_days_7, 0) AS active_days_7,
       l.first_order - DATE '1970-01-01' AS first_order, l.last_order - DATE '1970-01-01' AS last_order,
       coalesce(l.orders, 0) AS orders, coalesce(l.money, 0) AS money,
       coalesce(l.window_orders, 0) AS window_orders,
       coalesce(CASE WHEN l.spanning THEN s.window_money ELSE l.window_money END, 0) AS window_money,
       l.window_last_order - DATE '1970-01-01' AS window_last_order, coalesce(l.window_refunds, 0) AS window_refunds,
       {first_activity} - DATE '1970-01-01' AS first_activity, {last_activity} - DATE '1970-01-01' AS last_activity,
       {last_return} - DATE '1970-01-01' AS last_return,
       coalesce(l.complaints, 0) AS complaints, coalesce(l.reviews, 0) AS reviews,
       coalesce(l.five_star_reviews, 0) AS five_star_reviews, coalesce(l.min_rating, 0) AS min_rating,
       l.average_rating, c.categories,
       l.paid_member, l.member_tier, l.store_id, l.channel, l.attributes
FROM listed l
JOIN customer_keys k ON k.customer_key = l.customer_key
LEFT JOIN spanning_money s ON s.customer_key = l.customer_key
{activity_join}
LEFT JOIN categories c ON c.customer_id = k.customer_id
