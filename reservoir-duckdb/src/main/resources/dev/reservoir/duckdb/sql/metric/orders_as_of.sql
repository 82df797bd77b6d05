-- orders_as_of: a common table expression shared by the repurchase and annual-retention
-- queries (inserted where they write {orders_as_of}). One row per order of a customer known as
-- of D: purchases sharing coalesce(order_id, event_id); the order's date is the earliest local
-- date of its lines; refunds are not orders; zero amounts count. Reads p.d and p.known_at from
-- the query's own `params`.
orders AS (
    SELECT customer_id, coalesce(order_id, event_id) AS order_key, min(local_date) AS order_date
    FROM events, params p
    WHERE local_date <= p.d AND ingested_at <= p.known_at
      AND customer_id IS NOT NULL AND type = 'purchase'
    GROUP BY customer_id, order_key
)
