-- derive_ids: the accepted rows of `staged` with an event id for every row. A row without one
-- (the source has no ids) gets 'd' + MD5 of its content key and its occurrence number among
-- identical rows of the file, in line order: the same sale always gets the same id, however
-- its time or amount was written, and a file imported twice maps each row to the same id.
--   {content_key}  the MD5 (hex) of the row's canonical fields, written by the importer
CREATE OR REPLACE TEMP TABLE accepted AS
WITH hashed AS (
    SELECT s.* EXCLUDE (bad), {content_key} AS content_key FROM staged s WHERE s.bad IS NULL
)
SELECT h.* EXCLUDE (event_id, content_key),
       coalesce(h.event_id, 'd' || md5(h.content_key || ':' || CAST(
           row_number() OVER (PARTITION BY h.content_key ORDER BY h.line) AS VARCHAR))) AS event_id
FROM hashed h
