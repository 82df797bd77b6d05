-- retention_returns: the entries and returns shared by cohort_retention, n_day_retention and
-- cohort_retention_members (each starts with "WITH {retention_returns}"); not a query by itself.
-- Parameters (bound once, in the params row):
--   1 d          as-of date D, a local date in the tenant's zone
--   2 known_at   known-at instant: rows ingested after it do not exist yet
--   3 entry      'registration' or 'first-purchase'
--   4 return_types the returning event types, comma-separated wire names (validated against EventType)
--   5 zone       the tenant's zone, for the local date of a profile's registered_at
-- entries:  one row per customer with an entry on or before D
--   registration   the earlier of the first 'register' event's date and registered_at's local date
--   first-purchase the date of the first order; an order is coalesce(order_id, event_id) among
--                  purchases and its date is the earliest date of its lines
-- activity: the customer's returning activity, one row per order (on the order's date) for
--   purchases and per event for other types; the entry itself is left out: the first order
--   (earliest date, then lowest order key) when entry is first-purchase, so another order on the
--   same day still returns; every 'register' event when entry is registration.
params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::VARCHAR AS entry,
           string_split(?::VARCHAR, ',') AS return_types, ?::VARCHAR AS zone
),
{customer_days},
e AS (
    SELECT customer_id, type, local_date, order_key FROM days
),
orders AS (
    SELECT customer_id, order_key, min(local_date) AS order_date,
           row_number() OVER (PARTITION BY customer_id ORDER BY min(local_date), order_key) AS nth
    FROM e
    WHERE type = 'purchase'
    GROUP BY customer_id, order_key
),
entries AS (
    SELECT customer_id, order_date AS entry_date
    FROM orders, params
    WHERE entry = 'first-purchase' AND nth = 1
    UNION ALL
    SELECT customer_id, min(day) AS entry_date
    FROM (
        SELECT customer_id, local_date AS day FROM e WHERE type = 'register'
        UNION ALL
        SELECT c.customer_id, timezone(p.zone, c.registered_at)::DATE
        FROM customers c, params p
        WHERE c.registered_at IS NOT NULL AND c.ingested_at <= p.known_at
    ), params
    WHERE entry = 'registration' AND day <= d
    GROUP BY customer_id
),
activity AS (
    SELECT customer_id, order_date AS day
    FROM orders, params
    WHERE list_contains(return_types, 'purchase') AND NOT (entry = 'first-purchase' AND nth = 1)
    UNION ALL
    SELECT customer_id, local_date AS day
    FROM e, params
    WHERE type <> 'purchase' AND list_contains(return_types, type)
      AND NOT (entry = 'registration' AND type = 'register')
)
