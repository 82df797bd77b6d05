-- match_stored: the ids of this file the store already holds. Only the event_id column of the
-- stored events is read.
CREATE OR REPLACE TEMP TABLE matched AS
SELECT k.event_id FROM keyed k SEMI JOIN events e ON e.event_id = k.event_id WHERE k.nth = 1
