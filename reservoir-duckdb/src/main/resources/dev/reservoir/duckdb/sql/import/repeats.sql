-- repeats: rows that will not be stored, and whether their content equals the row kept (a
-- duplicate, harmless) or differs (a conflict: the first is kept and the row reported).
-- Stored rows are read only for the keys the probe found (`stored_keys`).
--   {same_as_f} / {same_as_e}  "every canonical field IS NOT DISTINCT FROM" the kept row
CREATE OR REPLACE TEMP TABLE repeats AS
SELECT k.line, k.event_id, {same_as_f} AS same
FROM keyed k JOIN keyed f ON f.event_id = k.event_id AND f.nth = 1
WHERE k.nth > 1
UNION ALL
SELECT k.line, k.event_id, {same_as_e} AS same
FROM keyed k
JOIN (SELECT * FROM events WHERE id_key IN (SELECT id_key FROM stored_keys)) e ON e.event_id = k.event_id
WHERE k.nth = 1 AND k.event_id IN (SELECT event_id FROM matched)
