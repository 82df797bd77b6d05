-- group_events: the rows of the group_events table (schema.sql) for the events {filter} keeps (a
-- condition on `events e` the engine writes): each group_join / group_leave of a customer with a
-- properties.group_id. GroupTables keeps the table with it, and group churn reads this query in
-- its place when the table does not hold what a report may see (known-at before the last import).
SELECT e.customer_id, json_extract_string(e.properties, '$.group_id') AS group_id, e.occurred_at, e.local_date,
       e.type = 'group_join' AS is_join
FROM events e
WHERE e.type IN ('group_join', 'group_leave') AND e.customer_id IS NOT NULL
  AND json_extract_string(e.properties, '$.group_id') IS NOT NULL AND ({filter})
