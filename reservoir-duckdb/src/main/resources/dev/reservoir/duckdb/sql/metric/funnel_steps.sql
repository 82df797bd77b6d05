-- funnel_steps (SPEC metric 9): per step (and per group of the split) the people who reached
-- it and the median and 90th percentile of the time from the previous step, from funnel_reached
-- (one row per person and step reached, written by the engine from FunnelWalk) and funnel_people
-- (funnel_events.sql).
--   reached      people whose counted attempt reached the step
--   secs         seconds from the previous step's time to this step's; NULL for step 1
--   percentiles  quantile_cont (linear interpolation between closest ranks), the median is
--                quantile_cont(x, 0.5) (docs/metrics.md, shared definitions)
--   group        the person's value of the split attribute from profiles known at known-at;
--                visitors (no customer id) and customers without a value are unknown (NULL);
--                is_total = 1 marks the all-people row
-- Parameters (bound, in this order):
--   1 known_at TIMESTAMPTZ, 2 split VARCHAR (none | paid_member | member_tier | store_id |
--   channel | attribute), 3 attr_path VARCHAR (JSON pointer, split = attribute)
-- Result: step, grp, is_total, reached, median_secs, p90_secs
WITH params AS (
    SELECT ?::TIMESTAMPTZ AS known_at, ?::VARCHAR AS split, ?::VARCHAR AS attr_path
),
{split_groups},
reached AS (
    SELECT r.step, r.secs, pr.grp
    FROM funnel_reached r
    JOIN funnel_people fp ON fp.pid = r.pid
    LEFT JOIN profiles pr ON pr.customer_id = CASE WHEN fp.is_customer THEN fp.person END
)
SELECT step, grp, GROUPING(grp) AS is_total, count(*) AS reached,
       quantile_cont(secs, 0.5) AS median_secs, quantile_cont(secs, 0.9) AS p90_secs
FROM reached
GROUP BY GROUPING SETS ((step), (step, grp))
ORDER BY step, is_total DESC, grp NULLS LAST
