-- keys: gives every customer id of {new_ids} (a query of ids) that has no integer key yet the
-- next one, in id order: all ids in events and profiles for a rollup built whole, an import's
-- own for a refresh.
INSERT INTO customer_keys
SELECT n.customer_id, (SELECT coalesce(max(customer_key), 0) FROM customer_keys)
                      + row_number() OVER (ORDER BY n.customer_id)
FROM ({new_ids}) n
WHERE n.customer_id IS NOT NULL AND n.customer_id NOT IN (SELECT customer_id FROM customer_keys)
