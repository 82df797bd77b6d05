-- orders_as_of: a common table expression shared by the repurchase and annual-retention
-- queries (inserted where they write {orders_as_of}). One row per order of a customer known as
-- of D: purchases sharing coalesce(order_id, event_id); the order's date is the earliest local
-- date of its lines; refunds are not orders; zero amounts count. Reads p.d and p.known_at from
-- the query's own `params`.
{customer_days},
orders AS (
    SELECT customer_id, order_key, min(local_date) AS order_date
    FROM days
    WHERE type = 'purchase'
    GROUP BY customer_id, order_key
)
