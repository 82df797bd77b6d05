-- customer_facts: one row per customer with an event on or before the as-of date D.
-- Parameters: 1 = D (local date in the tenant's zone), 2 = known-at instant. Reads the
-- per-customer-per-day rollup ({customer_days}, sql/metric/customer_days.sql).
--   first_seen / last_seen  local dates of the first and last event of any type
--   active_days             distinct local dates with any event
--   first_order / last_order, orders, order_days
--                           over orders: an order is an order_id (or the event id of a
--                           purchase without one) dated by its earliest line; "bought again"
--                           means another order
--   revenue                 sum of purchase amounts; refunds: number of refund events
--   paid_member             from the customer's profile, NULL when unknown
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at
),
{customer_days},
per_customer AS (
    SELECT customer_key,
           min(day)                                    AS first_seen,
           max(day)                                    AS last_seen,
           count(*)                                    AS active_days,
           min(day) FILTER (WHERE orders > 0)          AS first_order,
           max(day) FILTER (WHERE orders > 0)          AS last_order,
           sum(orders)                                 AS orders,
           count(*) FILTER (WHERE orders > 0)          AS order_days,
           coalesce(sum(amount), 0)                    AS revenue,
           sum(refunds)                                AS refunds
    FROM days
    GROUP BY customer_key
)
SELECT k.customer_id, f.first_seen, f.last_seen, f.active_days, f.first_order, f.last_order, f.orders,
       f.order_days, f.revenue, f.refunds, c.paid_member
FROM per_customer f
JOIN customer_keys k ON k.customer_key = f.customer_key
LEFT JOIN customers c ON c.customer_id = k.customer_id
ORDER BY k.customer_id
