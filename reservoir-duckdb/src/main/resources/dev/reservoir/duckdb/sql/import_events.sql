-- Storing one file's checked rows (the table `staged`, one row per source row with its
-- canonical fields and `bad`, the first failed check, NULL when the row passed).
-- Each statement below is separated by a line holding only ';'. Placeholders in braces are
-- filled by the importer with internal names and literals it made itself:
--   {content_key} for sources without ids: the MD5 (hex) of the row's canonical fields
--   {event_id}  the row's event id: its own, or derived from content_key and the row's
--               occurrence number among identical rows of the file (see docs/import.md)
--   {zone}      the tenant's zone, a quoted literal; {ingested_at} the import's clock reading;
--   {import_id} the import's number.

-- keyed: the accepted rows with their id, the id's 128-bit key, and nth = 1 for the first row
-- of the file with that id (in line order); later rows with the same id are repeats.
CREATE OR REPLACE TEMP TABLE keyed AS
WITH hashed AS (
    SELECT s.* EXCLUDE (bad), {content_key} AS content_key FROM staged s WHERE s.bad IS NULL
), ided AS (
    SELECT s.* EXCLUDE (event_id, content_key), {event_id} AS event_id FROM hashed s
)
SELECT *, md5_number(event_id) AS event_key,
       row_number() OVER (PARTITION BY md5_number(event_id) ORDER BY line) AS nth
FROM ided
;
-- matched: the ids the store already holds. Only the key column of the stored events is read.
CREATE OR REPLACE TEMP TABLE matched AS
SELECT k.event_key FROM keyed k SEMI JOIN events e ON e.event_key = k.event_key WHERE k.nth = 1
;
-- repeats: rows that will not be stored, and whether their content equals the row kept
-- (a duplicate, harmless) or differs (a conflict: the first is kept and the row reported).
CREATE OR REPLACE TEMP TABLE repeats AS
SELECT k.line, k.event_id, {same_as_f} AS same
FROM keyed k JOIN keyed f ON f.event_key = k.event_key AND f.nth = 1
WHERE k.nth > 1
UNION ALL
SELECT k.line, k.event_id, {same_as_e} AS same
FROM keyed k JOIN events e ON e.event_key = k.event_key
WHERE k.nth = 1 AND k.event_key IN (SELECT event_key FROM matched)
;
INSERT INTO events
SELECT k.event_key, k.event_id, k.customer_id, k.visitor_id, k.occurred_at,
       CAST(timezone({zone}, k.occurred_at) AS DATE),
       k.type, k.page, k.item_id, k.category, k.order_id, k.quantity, k.amount, k.currency,
       k.store_id, k.channel, k.session_id, k.properties, {ingested_at}, {import_id}
FROM keyed k ANTI JOIN matched m ON m.event_key = k.event_key
WHERE k.nth = 1
