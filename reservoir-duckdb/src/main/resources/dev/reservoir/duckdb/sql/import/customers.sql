-- Storing one file's checked customer rows (the table `staged_customers`). A customer's latest
-- row in the file wins; a row equal to the stored profile changes nothing (a duplicate).
-- Statements are separated by a line holding only ';'. {ingested_at} and {import_id} are
-- filled by the importer.
CREATE OR REPLACE TEMP TABLE latest AS
SELECT * EXCLUDE (bad, nth) FROM (
    SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY line DESC) AS nth
    FROM staged_customers WHERE bad IS NULL
) WHERE nth = 1
;
CREATE OR REPLACE TEMP TABLE changed AS
SELECT l.* FROM latest l LEFT JOIN customers c ON c.customer_id = l.customer_id
WHERE c.customer_id IS NULL
   OR l.registered_at IS DISTINCT FROM c.registered_at
   OR l.paid_member   IS DISTINCT FROM c.paid_member
   OR l.member_tier   IS DISTINCT FROM c.member_tier
   OR l.store_id      IS DISTINCT FROM c.store_id
   OR l.channel       IS DISTINCT FROM c.channel
   OR l.attributes    IS DISTINCT FROM c.attributes
;
INSERT OR REPLACE INTO customers
SELECT customer_id, registered_at, paid_member, member_tier, store_id, channel, attributes,
       {ingested_at}, {import_id}
FROM changed
