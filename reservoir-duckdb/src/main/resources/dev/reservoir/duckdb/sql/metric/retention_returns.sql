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
-- activity: the days of the customer's returning activity, one row per customer and day: an
--   order's date for purchases, an event's date for other types; the entry itself is left out:
--   the first order when entry is first-purchase, so another order on the same day still
--   returns; every 'register' event when entry is registration.
params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::VARCHAR AS entry,
           string_split(?::VARCHAR, ',') AS return_types, ?::VARCHAR AS zone
),
{customer_days},
first_orders AS (
    -- the first order day: the order day with no earlier one
    SELECT customer_key, day AS first_day FROM days WHERE orders > 0 AND prev_order_day IS NULL
),
entries AS (
    SELECT customer_key, first_day AS entry_date
    FROM first_orders, params
    WHERE entry = 'first-purchase'
    UNION ALL
    SELECT customer_key, min(day) AS entry_date
    FROM (
        SELECT customer_key, day FROM days
        WHERE (types & (1 << (list_position({event_types}, 'register') - 1))) <> 0
        UNION ALL
        SELECT k.customer_key, timezone(p.zone, c.registered_at)::DATE
        FROM customers c JOIN customer_keys k ON k.customer_id = c.customer_id, params p
        WHERE c.registered_at IS NOT NULL AND c.ingested_at <= p.known_at
    ), params
    WHERE entry = 'registration' AND day <= d
    GROUP BY customer_key
),
activity AS (
    -- one row per customer and day with a return; the first order is the entry, not a return,
    -- so on its day only the customer's further orders count (the first order day is the order
    -- day without a previous one). The caller writes the returning types in as constants, made
    -- from the same parameters 3 and 4 (so the scan filters rows without a join):
    -- {return_bits} the rollup's type bits of the returning types but purchase (and but register
    -- when entry is registration), {return_orders} whether purchases return, {first_purchase_entry}
    -- whether entry is first-purchase.
    -- ({return_bits} <> 0 AND ...) and (... d.orders > 0 AND ...) are there for the planner: with
    -- orders alone returning the first term folds away and the scan filters orders > 0 itself.
    SELECT d.customer_key, d.day
    FROM days d
    WHERE ({return_bits} <> 0 AND (d.types & {return_bits}) <> 0)
       OR ({return_orders} AND d.orders > 0
           AND d.orders - CASE WHEN {first_purchase_entry} AND d.prev_order_day IS NULL THEN 1 ELSE 0 END > 0)
)
