-- orders_as_of: a common table expression shared by the repurchase and annual-retention
-- queries (inserted where they write {orders_as_of}). One row per customer and day with orders
-- known as of D, and how many: an order is purchases sharing coalesce(order_id, event_id), its
-- date the earliest local date of its lines; refunds are not orders; zero amounts count. Reads
-- p.d and p.known_at from the query's own `params`. prev_order_day and next_order_day are the
-- customer's previous and next order days up to D (NULL when none).
{customer_days},
orders AS (
    SELECT customer_key, day AS order_date, orders, prev_order_day, next_order_day
    FROM days
    WHERE orders > 0
)
