-- customer_days: a common table expression shared by every metric query (inserted where they
-- write {customer_days}): the rows of the per-customer-per-day rollup (sql/rollup/customer_days.sql)
-- up to D. {days_source} is the rollup table itself when it holds every event the report may
-- see, else the same rows made from the events known at params.known_at (docs/metrics.md, "The
-- rollup"): the queries read the same rows either way. Reads p.d from the query's own `params`.
-- NOT MATERIALIZED: a query that reads it twice would otherwise copy every row first; inlined,
-- each read filters the table as it scans it (about a tenth less time for the retention queries).
-- next_order_day: an order day after D is not known as of D, so it reads as NULL (none yet).
days AS NOT MATERIALIZED (
    SELECT r.customer_key, r.day, r.types, r.orders, r.amount, r.events, r.refunds, r.prev_order_day,
           CASE WHEN r.next_order_day <= p.d THEN r.next_order_day END AS next_order_day
    FROM {days_source} r, params p
    WHERE r.day <= p.d
)
