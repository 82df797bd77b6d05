-- refresh: keeps group_events and online_days equal to a build from every stored event after one
-- or more imports ({import_ids}: a list of import ids), inside a transaction (GroupTables.PENDING).
--
-- Group events: an import stores only events never stored before, so its own are appended.
INSERT INTO group_events {new_group_events}
;
-- Online days: the customer-days the imports brought an activity event for. A day with a stored
-- row (seen) is made again from all of its events; a day without one had no activity event before,
-- so all of its events are the imports' own.
CREATE OR REPLACE TEMP TABLE od_touched AS
SELECT t.customer_id, t.local_date, o.customer_id IS NOT NULL AS seen
FROM (SELECT DISTINCT customer_id, local_date FROM events
      WHERE import_id IN ({import_ids}) AND customer_id IS NOT NULL
        AND type NOT IN ('group_join', 'group_leave', 'message_sent', 'coupon_sent')) t
LEFT JOIN online_days o ON o.customer_id = t.customer_id AND o.local_date = t.local_date
;
DELETE FROM online_days o USING od_touched t
WHERE t.seen AND o.customer_id = t.customer_id AND o.local_date = t.local_date
;
INSERT INTO online_days {fresh_days}
;
INSERT INTO online_days {seen_days}
;
DROP TABLE od_touched
