-- Mapping `cdnow`: CDNOW purchase logs (Fader and Hardie) to events.
--
-- The reader turns each layout into the same four columns, already checked and typed:
--   customer INTEGER  CDNOW_master.txt: field 1 (master id); CDNOW_sample.txt: field 2 (sample
--                     id); cdnowElog.csv: `sampleid`. Leading zeros go: '00001' is customer '1'.
--   date     TIMESTAMPTZ  yyyymmdd at local midnight in the tenant's zone (the data has no time)
--   cds      INTEGER  number of CDs
--   dollars  DECIMAL  dollar value ('59.3' and '59.30' are the same amount)
-- Each row is one purchase and its own order (no order id is given; a purchase without one is
-- an order by itself). Event ids are derived, so the sample text file and cdnowElog.csv, which
-- hold the same rows, import to the same events.
NULL                         AS event_id,
CAST("customer" AS VARCHAR)  AS customer_id,
NULL                         AS visitor_id,
"date"                       AS occurred_at,
'purchase'                   AS type,
NULL                         AS page,
NULL                         AS item_id,
NULL                         AS category,
NULL                         AS order_id,
"cds"                        AS quantity,
"dollars"                    AS amount,
'USD'                        AS currency,
NULL                         AS store_id,
NULL                         AS channel,
NULL                         AS session_id,
NULL                         AS properties
