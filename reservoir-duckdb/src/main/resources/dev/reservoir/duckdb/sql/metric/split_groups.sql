-- split_groups: a common table expression shared by the repurchase queries (inserted where they
-- write {split_groups}). Each customer's value of the split attribute (p.split: paid_member,
-- member_tier, store_id, channel, or attribute with the JSON pointer p.attr_path), from profiles
-- known at p.known_at, by integer key and by id; customers without one fall in the unknown group
-- (NULL) by the caller's LEFT JOIN. Without a split (p.split = 'none') no profile is read: everyone
-- is in that one group.
profiles AS (
    SELECT k.customer_key, k.customer_id,
           CASE p.split
               WHEN 'paid_member' THEN CAST(paid_member AS VARCHAR)
               WHEN 'member_tier' THEN member_tier
               WHEN 'store_id'    THEN store_id
               WHEN 'channel'     THEN channel
               WHEN 'attribute'   THEN json_extract_string(attributes, p.attr_path)
           END AS grp
    FROM customers JOIN customer_keys k ON k.customer_id = customers.customer_id, params p
    WHERE customers.ingested_at <= p.known_at AND p.split <> 'none'
)
