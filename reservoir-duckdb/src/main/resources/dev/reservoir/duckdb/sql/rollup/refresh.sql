-- refresh: keeps customer_days equal to its query over events after an import, inside the
-- import's transaction (so the rollup never disagrees with the events it was made from).
--
-- Every customer the import added events for is rolled up again from all of their events: an
-- event arriving late (dated before others), a second line of an order already stored, or a
-- resent batch (whose duplicates were never inserted, so they touch nothing) all come out exactly
-- as a rebuild from scratch would. {import_id} is the import's own number, {customer_days} the
-- rollup query.
CREATE OR REPLACE TEMP TABLE rollup_touched AS
SELECT DISTINCT customer_id FROM events WHERE import_id = {import_id} AND customer_id IS NOT NULL
;
DELETE FROM customer_days WHERE customer_id IN (SELECT customer_id FROM rollup_touched)
;
INSERT INTO customer_days {customer_days}
;
DROP TABLE rollup_touched
