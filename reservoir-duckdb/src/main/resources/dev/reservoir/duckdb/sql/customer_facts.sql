-- customer_facts: one row per customer with an event on or before the as-of date D.
-- Parameters: 1 = D (local date in the tenant's zone), 2 = known-at instant.
--   first_seen / last_seen  local dates of the first and last event of any type
--   active_days             distinct local dates with any event
--   first_order / last_order, orders, order_days
--                           over purchases; an order is an order_id (or the event id of a
--                           purchase without one); "bought again" means another order
--   revenue                 sum of purchase amounts; refunds: number of refund events
--   paid_member             from the customer's profile, NULL when unknown
WITH e AS (
    SELECT * FROM events
    WHERE local_date <= ? AND ingested_at <= ? AND customer_id IS NOT NULL
)
SELECT e.customer_id,
       min(local_date)                                                     AS first_seen,
       max(local_date)                                                     AS last_seen,
       count(DISTINCT local_date)                                          AS active_days,
       min(local_date) FILTER (WHERE type = 'purchase')                    AS first_order,
       max(local_date) FILTER (WHERE type = 'purchase')                    AS last_order,
       count(DISTINCT coalesce(order_id, event_id)) FILTER (WHERE type = 'purchase') AS orders,
       count(DISTINCT local_date) FILTER (WHERE type = 'purchase')         AS order_days,
       coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)           AS revenue,
       count(*) FILTER (WHERE type = 'refund')                             AS refunds,
       any_value(c.paid_member)                                            AS paid_member
FROM e LEFT JOIN customers c ON c.customer_id = e.customer_id
GROUP BY e.customer_id
ORDER BY e.customer_id
