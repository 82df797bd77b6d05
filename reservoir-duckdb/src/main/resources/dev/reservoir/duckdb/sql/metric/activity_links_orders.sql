-- activity_links (activity = orders): a common table expression shared by the churn queries
-- (inserted where they write {activity_links}, after {customer_days} and {activity_days}) when
-- the activity is purchases alone. One row per customer and activity day (a day with orders:
-- the order's date) with the customer's previous and next activity day up to D (NULL when
-- none): the rollup keeps both on its order days, so no window function runs per call. NOT
-- MATERIALIZED: a query reading it twice scans the rollup twice (a filtered scan) rather than copy
-- its millions of rows first.
activity_links AS NOT MATERIALIZED (
    SELECT customer_key, day, prev_order_day AS prev_day, next_order_day AS next_day
    FROM days
    WHERE orders > 0
)
