-- customer_days: the per-customer-per-day rollup (docs/metrics.md, "The rollup").
--
-- One row per customer (its integer key) and local date on which the customer has an event:
--   types    bit i - 1 set when an event of the i-th type of {event_types} (EventType's order)
--            happened that day: a metric's activity is a mask over it
--   orders   orders whose date is this day: an order is coalesce(order_id, event_id) among the
--            customer's purchases, and its date is the earliest local date of its lines
--   amount   the sum of that day's purchase line amounts (NULL when none had one)
--   events   that day's events, of any type
--   refunds  that day's refund events
--   prev_order_day, next_order_day  on a day with orders, the customer's previous and next day
--            with orders (NULL when none; always NULL on a day without orders): the neighbours
--            the churn, gap and repurchase metrics would otherwise find with a window function
--            on every call. As of D a next_order_day after D does not exist yet: the metric
--            queries read it as NULL then (metric/customer_days.sql).
--   order_amount     the amount of the orders dated this day: the sum of all their lines' amounts,
--                    whatever the lines' dates (NULL when none had one); the RFM window's M
--   spanning_orders  orders dated this day with a line on a later day: where they exist, an
--                    order's amount as of an earlier D is not order_amount (segment_facts then
--                    sums those customers' lines itself)
--   complaints       that day's complaint events
--   reviews, five_star_reviews, min_rating, rating_sum  that day's review events whose
--                    properties.rating is a whole number 1-5: how many, how many rated 5, the
--                    lowest rating and the sum of the ratings
-- Anonymous events (no customer id) are not in it: no metric of customers counts them.
-- As of a date D the rows up to D are exactly this query over the events up to D: an order's
-- earliest line is up to D exactly when its date is, and amounts are per line date; an order
-- day's previous order day is earlier still, so it is the same over the events up to D.
-- {filter} chooses the events: an import's customers, the events known at a date, or all.
WITH ev AS (
    SELECT customer_id, local_date, type, amount,
           CASE WHEN type = 'purchase' THEN coalesce(order_id, event_id) END AS order_key,
           CASE WHEN type = 'review' THEN TRY_CAST(json_extract_string(properties, '$.rating') AS INTEGER) END AS rating
    FROM events
    WHERE customer_id IS NOT NULL AND {filter}
),
per_day AS (
    SELECT customer_id, local_date AS day,
           bit_or((1 << (list_position({event_types}, type) - 1))::USMALLINT) AS types,
           sum(amount) FILTER (WHERE type = 'purchase')                      AS amount,
           count(*)::INTEGER                                                 AS events,
           (count(*) FILTER (WHERE type = 'refund'))::INTEGER                AS refunds,
           (count(*) FILTER (WHERE type = 'complaint'))::INTEGER             AS complaints,
           (count(*) FILTER (WHERE rating BETWEEN 1 AND 5))::INTEGER         AS reviews,
           (count(*) FILTER (WHERE rating = 5))::INTEGER                     AS five_star_reviews,
           min(rating) FILTER (WHERE rating BETWEEN 1 AND 5)                 AS min_rating,
           (sum(rating) FILTER (WHERE rating BETWEEN 1 AND 5))::INTEGER      AS rating_sum
    FROM ev
    GROUP BY customer_id, local_date
),
order_days AS (
    SELECT customer_id, day, orders, order_amount, spanning_orders,
           lag(day) OVER (PARTITION BY customer_id ORDER BY day)  AS prev_order_day,
           lead(day) OVER (PARTITION BY customer_id ORDER BY day) AS next_order_day
    FROM (SELECT customer_id, day, count(*)::INTEGER AS orders, sum(amount) AS order_amount,
                 (count(*) FILTER (WHERE last_line > day))::INTEGER AS spanning_orders
          FROM (SELECT customer_id, min(local_date) AS day, max(local_date) AS last_line, sum(amount) AS amount
                FROM ev WHERE type = 'purchase' GROUP BY customer_id, order_key)
          GROUP BY customer_id, day)
)
SELECT k.customer_key, p.day, p.types, coalesce(o.orders, 0) AS orders, p.amount, p.events, p.refunds,
       o.prev_order_day, o.next_order_day, o.order_amount, coalesce(o.spanning_orders, 0) AS spanning_orders,
       p.complaints, p.reviews, p.five_star_reviews, p.min_rating, p.rating_sum
FROM per_day p
JOIN customer_keys k ON k.customer_id = p.customer_id
LEFT JOIN order_days o ON o.customer_id = p.customer_id AND o.day = p.day
