-- customer_timeline: one customer's newest events up to D (known at known-at), for the customer
-- lookup's timeline: newest first, ties (the same instant) by event id descending, so the order is
-- the same on every run. Every stored column but the bookkeeping (ingested_at, import_id).
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = the customer id (bound, never spliced in);
--   4 = the most events to return
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, CAST(? AS VARCHAR) AS id
)
SELECT e.event_id, e.customer_id, e.visitor_id, e.occurred_at, e.type, e.page, e.item_id, e.category,
       e.order_id, e.quantity, e.amount, e.currency, e.store_id, e.channel, e.session_id, e.properties
FROM events e, params p
WHERE e.customer_id = p.id AND e.local_date <= p.d AND e.ingested_at <= p.known_at
ORDER BY e.occurred_at DESC, e.event_id DESC
LIMIT ?
