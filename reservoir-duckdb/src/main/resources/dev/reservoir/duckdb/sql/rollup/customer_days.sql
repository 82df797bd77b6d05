-- customer_days: the per-customer-per-day rollup (docs/metrics.md, "The rollup").
--
-- One row per customer, local date and event type, and for purchases one per order and date:
--   order_key  coalesce(order_id, event_id) for purchases (lines of one order on one date are
--              one row; an order whose lines fall on two dates has two rows, so its date,
--              the earliest, and its amount as of any D stay exact); NULL for every other type
--   events     how many events the row stands for
--   amount     the sum of their amounts (NULL when none had one)
-- Anonymous events (no customer id) are not in it: no metric of customers counts them.
-- Every metric that reads it gets the same rows from raw events when a known-at date leaves out
-- events an import added later: this file is that query too, with {filter} choosing the events
-- (an import's customers, the events known at a date, or all of them).
SELECT customer_id, local_date, type,
       CASE WHEN type = 'purchase' THEN coalesce(order_id, event_id) END AS order_key,
       count(*)    AS events,
       sum(amount) AS amount
FROM events
WHERE customer_id IS NOT NULL AND {filter}
GROUP BY customer_id, local_date, type, order_key
