-- day_times: the activity events' instants of each customer-day whose events {filter} keeps (a
-- condition on `events e` the engine writes), as epoch microseconds in order, with the day's online
-- time under a gap of {gap_us} microseconds computed from them: the sum of the gaps between
-- consecutive instants that are at most the gap (online_days.sql's rule, there with a window over
-- the events; a second computation the upkeep test compares). Activity: a customer-initiated event
-- other than a group join or leave. GroupTables builds and keeps the online_days table with it.
SELECT customer_id, local_date,
       coalesce(list_sum(list_filter(list_transform(range(1, len(times)), i -> times[i + 1] - times[i]),
                                     g -> g <= {gap_us})), 0)::BIGINT AS online_us,
       times
FROM (SELECT e.customer_id, e.local_date, list(epoch_us(e.occurred_at) ORDER BY e.occurred_at) AS times
      FROM events e
      WHERE e.customer_id IS NOT NULL
        AND e.type NOT IN ('group_join', 'group_leave', 'message_sent', 'coupon_sent') AND ({filter})
      GROUP BY e.customer_id, e.local_date)
