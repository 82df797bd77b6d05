-- refresh: keeps customer_days equal to its query over events after one or more imports, inside
-- a transaction (the import's, or a catch-up of pending appends: Rollup.PENDING.catchUp), so the rollup a
-- query reads never disagrees with the events it was made from.
--
-- Every customer the import added events for is rolled up again. A customer new to the store
-- (no integer key before this import: no event or profile stored earlier) has all of its events
-- in this import, so its rows come from the import's own events, which the scan finds by
-- import_id alone. A customer seen before is rolled up again from all of their stored events: an
-- event arriving late (dated before others), a second line of an order already stored, or a
-- resent batch (whose duplicates were never inserted, so they touch nothing) all come out exactly
-- as a rebuild from scratch would. {imports} selects the imports' own events (import_id IN (...)), {keys} the key statement
-- (keys.sql) over the import's customers, {new_days} and {seen_days} the rollup query over the
-- new and the already seen customers' events.
CREATE OR REPLACE TEMP TABLE rollup_touched AS
SELECT t.customer_id, t.customer_id IN (SELECT customer_id FROM customer_keys) AS seen
FROM (SELECT DISTINCT customer_id FROM events WHERE {imports} AND customer_id IS NOT NULL) t
;
{keys}
;
DELETE FROM customer_days
WHERE customer_key IN (SELECT k.customer_key FROM customer_keys k
                       WHERE k.customer_id IN (SELECT customer_id FROM rollup_touched WHERE seen))
;
INSERT INTO customer_days {new_days}
;
INSERT INTO customer_days {seen_days}
;
DROP TABLE rollup_touched
