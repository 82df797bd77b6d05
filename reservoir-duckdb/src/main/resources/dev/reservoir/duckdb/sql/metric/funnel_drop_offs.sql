-- funnel_drop_offs (SPEC metric 9): the people who entered and stopped before the last step,
-- with the furthest step they reached and when (in their counted attempt), for a campaign.
--   group        as in funnel_steps.sql
--   dropped_at   2..steps keeps those whose furthest step is dropped_at - 1; NULL keeps all
-- Parameters (bound, in this order):
--   1 known_at TIMESTAMPTZ, 2 split VARCHAR, 3 attr_path VARCHAR, 4 steps INTEGER (how many),
--   5 dropped_at INTEGER
-- Result: person, is_customer, last_step, at_us, grp (sorted by last step, then id)
WITH params AS (
    SELECT ?::TIMESTAMPTZ AS known_at, ?::VARCHAR AS split, ?::VARCHAR AS attr_path,
           ?::INTEGER AS steps, ?::INTEGER AS dropped_at
),
{split_groups},
furthest AS (
    SELECT pid, max(step) AS last_step, arg_max(at_us, step) AS at_us
    FROM funnel_reached
    GROUP BY pid
)
SELECT fp.person, fp.is_customer, f.last_step, f.at_us, pr.grp
FROM furthest f
JOIN funnel_people fp ON fp.pid = f.pid
LEFT JOIN profiles pr ON pr.customer_id = CASE WHEN fp.is_customer THEN fp.person END, params p
WHERE f.last_step < p.steps AND (p.dropped_at IS NULL OR f.last_step = p.dropped_at - 1)
ORDER BY f.last_step, fp.is_customer DESC, fp.person
