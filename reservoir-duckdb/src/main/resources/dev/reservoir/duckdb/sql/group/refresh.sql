-- refresh: keeps group_events and online_days equal to a build from every stored event after one
-- or more imports ({import_ids}: a list of import ids), inside a transaction (GroupTables.PENDING).
--
-- Group events: an import stores only events never stored before, so its own are appended.
INSERT INTO group_events {new_group_events}
;
-- Online days: the imports' activity events per customer-day ({new_days}: day_times.sql over
-- them), merged with the day's stored instants when it has a row (events are stored once, so none
-- is counted twice), and the day's online time computed again from the merged instants: no event
-- of an earlier import is read.
CREATE OR REPLACE TEMP TABLE od_merged AS
SELECT n.customer_id, n.local_date, list_sort(list_concat(coalesce(o.times, []::BIGINT[]), n.times)) AS times
FROM ({new_days}) n
LEFT JOIN online_days o ON o.customer_id = n.customer_id AND o.local_date = n.local_date
;
DELETE FROM online_days o USING od_merged m
WHERE o.customer_id = m.customer_id AND o.local_date = m.local_date
;
INSERT INTO online_days
SELECT customer_id, local_date,
       coalesce(list_sum(list_filter(list_transform(range(1, len(times)), i -> times[i + 1] - times[i]),
                                     g -> g <= {gap_us})), 0)::BIGINT,
       times
FROM od_merged
;
DROP TABLE od_merged
