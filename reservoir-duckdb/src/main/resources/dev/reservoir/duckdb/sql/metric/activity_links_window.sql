-- activity_links (any other activity): the same rows as activity_links_orders.sql, one per
-- customer and activity day with the previous and next activity day up to D, found with a
-- window function over the activity days (the rollup keeps neighbours for order days only).
activity_links AS (
    SELECT customer_key, day,
           lag(day) OVER w  AS prev_day,
           lead(day) OVER w AS next_day
    FROM activity_days
    WINDOW w AS (PARTITION BY customer_key ORDER BY day)
)
