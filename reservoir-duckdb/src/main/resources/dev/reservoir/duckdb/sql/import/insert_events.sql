-- insert_events: the new events of the file: the first row of each id the store does not hold.
-- local_date is the event's date in the tenant's zone, derived once here because every metric
-- groups by it.
--   {zone} the tenant's zone; {ingested_at} the import's clock reading; {import_id} its number;
-- id_key is hash(event_id), as EventKeys.KEY_OF_EVENT_ID writes it.
--   {new_rows} `keyed k` filtered to first rows, without the ids in `matched`
INSERT INTO events
SELECT k.event_id, k.customer_id, k.visitor_id, k.occurred_at,
       CAST(timezone({zone}, k.occurred_at) AS DATE),
       k.type, k.page, k.item_id, k.category, k.order_id, k.quantity, k.amount, k.currency,
       k.store_id, k.channel, k.session_id, k.properties, {ingested_at}, {import_id},
       hash(k.event_id)
FROM {new_rows}
