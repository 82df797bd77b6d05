-- online_days: the rows of the online_days table (schema.sql) for the customer-days whose events
-- {filter} keeps (a condition on `events e` the engine writes; it must keep every activity event
-- of a day or none): per customer and tenant-zone date with an activity event (a customer-initiated
-- event other than a group join or leave), the sum of the gaps between the day's consecutive
-- activity events that are at most {gap_us} microseconds (the minimal sessions rule of
-- metric/group_churn.sql: the length of the day's sessions, split at midnight). A day with one
-- event has 0. GroupTables keeps the table with it for the default gap; group churn reads this
-- query in its place for another gap or a known-at before the last import.
SELECT customer_id, local_date,
       CAST(coalesce(sum(CASE WHEN gap <= {gap_us} THEN gap ELSE 0 END), 0) AS BIGINT) AS online_us
FROM (SELECT e.customer_id, e.local_date,
             epoch_us(e.occurred_at) - lag(epoch_us(e.occurred_at))
                 OVER (PARTITION BY e.customer_id, e.local_date ORDER BY e.occurred_at) AS gap
      FROM events e
      WHERE e.customer_id IS NOT NULL
        AND e.type NOT IN ('group_join', 'group_leave', 'message_sent', 'coupon_sent') AND ({filter}))
GROUP BY customer_id, local_date
