-- match_stored: the ids of this file the store already holds, run only when the probe of the
-- stored id_key column found some of the file's keys (`stored_keys`). Only the stored events
-- with one of those keys are compared by their event_id text: a key shared by different ids
-- (a hash collision) matches nothing here.
CREATE OR REPLACE TEMP TABLE matched AS
SELECT k.event_id FROM keyed k
SEMI JOIN (SELECT event_id FROM events WHERE id_key IN (SELECT id_key FROM stored_keys)) e ON e.event_id = k.event_id
WHERE k.nth = 1
