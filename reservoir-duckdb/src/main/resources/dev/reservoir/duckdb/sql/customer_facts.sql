-- customer_facts: one row per customer with an event on or before the as-of date D.
-- Parameters: 1 = D (local date in the tenant's zone), 2 = known-at instant. Reads the
-- per-customer-per-day rollup ({customer_days}, sql/metric/customer_days.sql).
--   first_seen / last_seen  local dates of the first and last event of any type
--   active_days             distinct local dates with any event
--   first_order / last_order, orders, order_days
--                           over purchases; an order is an order_id (or the event id of a
--                           purchase without one); "bought again" means another order
--   revenue                 sum of purchase amounts; refunds: number of refund events
--   paid_member             from the customer's profile, NULL when unknown
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at
),
{customer_days}
SELECT r.customer_id,
       min(local_date)                                             AS first_seen,
       max(local_date)                                             AS last_seen,
       count(DISTINCT local_date)                                  AS active_days,
       min(local_date) FILTER (WHERE type = 'purchase')            AS first_order,
       max(local_date) FILTER (WHERE type = 'purchase')            AS last_order,
       count(DISTINCT order_key) FILTER (WHERE type = 'purchase')  AS orders,
       count(DISTINCT local_date) FILTER (WHERE type = 'purchase') AS order_days,
       coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)   AS revenue,
       coalesce(sum(events) FILTER (WHERE type = 'refund'), 0)     AS refunds,
       any_value(c.paid_member)                                    AS paid_member
FROM days r LEFT JOIN customers c ON c.customer_id = r.customer_id
GROUP BY r.customer_id
ORDER BY r.customer_id
