-- activity_days: common table expressions shared by the churn and activity queries (inserted
-- where they write {activity_days}, after {customer_days}): the days on which a customer did
-- one of the activity's types (p.types), one row per customer and day. Purchases count on the
-- order's date (the earliest local date of its lines: rows with orders > 0), every other type on
-- the event's own date (its bit in the row's types, {event_types} order). activity_mask.all_bits
-- also has the purchase bit, for "an event of the types on that day" (DAU) rather than order dates.
activity_mask AS (
    SELECT coalesce(bit_or(1 << (list_position({event_types}, t) - 1)) FILTER (WHERE t <> 'purchase'), 0) AS bits,
           coalesce(bit_or(1 << (list_position({event_types}, t) - 1)), 0)                          AS all_bits,
           coalesce(bool_or(t = 'purchase'), false)                                                  AS orders
    FROM (SELECT unnest(types) AS t FROM params)
),
activity_days AS (
    SELECT d.customer_key, d.day
    FROM days d, activity_mask m
    WHERE (d.types & m.bits) <> 0 OR (m.orders AND d.orders > 0)
)
