-- refresh: keeps customer_days equal to its query over events after an import, inside the
-- import's transaction (so the rollup never disagrees with the events it was made from).
--
-- New customer ids (in the import's events or profiles) get the next integer keys. Every
-- customer the import added events for is rolled up again from all of their events: an event
-- arriving late (dated before others), a second line of an order already stored, or a resent
-- batch (whose duplicates were never inserted, so they touch nothing) all come out exactly as a
-- rebuild from scratch would. {import_id} is the import's own number, {keys} the key statement
-- (keys.sql) over the import's customers, {customer_days} the rollup query over the touched
-- customers' events.
CREATE OR REPLACE TEMP TABLE rollup_touched AS
SELECT DISTINCT customer_id FROM events WHERE import_id = {import_id} AND customer_id IS NOT NULL
;
{keys}
;
DELETE FROM customer_days
WHERE customer_key IN (SELECT k.customer_key FROM customer_keys k
                       WHERE k.customer_id IN (SELECT customer_id FROM rollup_touched))
;
INSERT INTO customer_days {customer_days}
;
DROP TABLE rollup_touched
