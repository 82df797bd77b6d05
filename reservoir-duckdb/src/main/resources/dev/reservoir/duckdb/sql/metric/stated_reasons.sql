-- stated_reasons: the reasons customers gave (SPEC canonical property `reason` of complaint and
-- survey events), for the report's churn-reasons section (docs/metrics.md "Churn reasons"). One row
-- per complaint or survey event of a customer dated in [from, D] and ingested by known-at; reason is
-- properties.reason with surrounding blanks removed, NULL when absent or empty. Anonymous events
-- never count (a reason belongs to a customer).
--
-- Parameters: 1 = D;  2 = known-at instant;  3 = from (the first local date)
WITH params AS (
    SELECT CAST(? AS DATE) AS d, CAST(? AS TIMESTAMPTZ) AS known_at, CAST(? AS DATE) AS from_date
)
SELECT e.customer_id, e.local_date, e.type,
       nullif(trim(json_extract_string(e.properties, '$.reason')), '') AS reason
FROM events e, params p
WHERE e.type IN ('complaint', 'survey') AND e.customer_id IS NOT NULL
  AND e.local_date BETWEEN p.from_date AND p.d AND e.ingested_at <= p.known_at
ORDER BY e.local_date, e.customer_id, e.type, reason
