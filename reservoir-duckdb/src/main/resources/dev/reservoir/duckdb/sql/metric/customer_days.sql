-- customer_days: a common table expression shared by every metric query (inserted where they
-- write {customer_days}): the rows of the per-customer-per-day rollup (sql/rollup/customer_days.sql)
-- up to D. {days_source} is the rollup table itself when it holds every event the report may
-- see, else the same rows made from the events known at params.known_at (docs/metrics.md, "The
-- rollup"): the queries read the same rows either way. {as_of_date} is D as a DATE literal, the
-- same D the query binds as params.d: a constant the scan filters by as it reads (zone maps skip
-- later row groups), where a join with `params` would cost a join over every row.
-- NOT MATERIALIZED: a query that reads it twice would otherwise copy every row first; inlined,
-- each read filters the table as it scans it (about a tenth less time for the retention queries).
-- next_order_day: an order day after D is not known as of D, so it reads as NULL (none yet).
days AS NOT MATERIALIZED (
    SELECT r.customer_key, r.day, r.types, r.orders, r.amount, r.events, r.refunds, r.prev_order_day,
           CASE WHEN r.next_order_day <= {as_of_date} THEN r.next_order_day END AS next_order_day,
           r.order_amount, r.spanning_orders, r.complaints, r.reviews, r.five_star_reviews, r.min_rating, r.rating_sum
    FROM {days_source} r
    WHERE r.day <= {as_of_date}
)
