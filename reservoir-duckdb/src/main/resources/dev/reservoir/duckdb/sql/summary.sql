-- summary: what a tenant holds (`reservoir info`), as of a date and a known-at instant.
-- Parameters: 1 = the as-of local date D (events on or before D count),
--             2 = known-at (only events ingested at or before it count).
-- One row per event type, and one grand-total row (type NULL) with:
--   customers  distinct customer ids among events
--   anonymous  events without a customer id
--   orders     distinct orders among purchases: order_id, or the event id for a purchase
--              without one (such a purchase is an order by itself)
--   revenue    sum of purchase amounts; refunds: sum of refund amounts (negative)
WITH e AS (
    SELECT * FROM events WHERE local_date <= ? AND ingested_at <= ?
)
SELECT type,
       count(*)                                                        AS events,
       count(*) FILTER (WHERE customer_id IS NULL)                     AS anonymous,
       count(DISTINCT customer_id)                                     AS customers,
       count(DISTINCT coalesce(order_id, event_id)) FILTER (WHERE type = 'purchase') AS orders,
       coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)       AS revenue,
       coalesce(sum(amount) FILTER (WHERE type = 'refund'), 0)         AS refunds,
       min(local_date)                                                 AS first_date,
       max(local_date)                                                 AS last_date
FROM e
GROUP BY GROUPING SETS ((type), ())
ORDER BY type NULLS LAST
