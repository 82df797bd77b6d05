-- group_churn (SPEC metric 11, 社群): per period P and group, members at the start, who left,
-- active members and their online time (GroupChurn in reservoir-core has the definitions).
--   membership   group_join / group_leave events of customers with properties.group_id; a
--                customer is a member of g after a join until the next leave (same instant: the
--                join first). Member at the start of P: the last of them dated before start(P) is
--                a join. Left: a member at the start with a leave dated in [start(P), min(end(P), D)].
--                Rejoined: of those, the last of them dated up to min(end(P), D) is a join.
--   members in P members at the start, and customers with a join dated in P up to D
--   activity day a date in P up to D with a customer-initiated event other than a join or leave
--   online time  of a customer's day: the sum of the gaps between consecutive activity events of
--                that day that are at most the session gap (a minimal sessions rule: the length of
--                the day's sessions, split after gap without an event)
--   all groups   group_id NULL: memberships summed for the churn; active members counted once
-- The join and leave events and the days' online time come from the kept tables group_events and
-- online_days ({group_events}, {online_days}: GroupTables), or from the same queries over the raw
-- events known at known_at (sql/group/group_events.sql, online_days.sql) when the tables do not hold
-- what the report may see or the gap is not the default.
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 starts VARCHAR, 4 ends VARCHAR (the periods' first and
--   last days, comma-separated ISO dates, oldest first), 5 gap_us BIGINT (session gap, microseconds)
-- Result: period_start, group_id, members_at_start, left_members, rejoined, active_members,
--   active_days, online_seconds
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, string_split(?::VARCHAR, ',') AS starts,
           string_split(?::VARCHAR, ',') AS ends, ?::BIGINT AS gap_us
),
periods AS (
    SELECT CAST(unnest(p.starts) AS DATE) AS ps, CAST(unnest(p.ends) AS DATE) AS pe FROM params p
),
bounds AS (
    SELECT ps, least(pe, p.d) AS upto FROM periods, params p
),
gev AS (
    SELECT g.customer_id, g.group_id, g.local_date,
           epoch_us(g.occurred_at) * 2 + CASE WHEN g.is_join THEN 0 ELSE 1 END AS seq, g.is_join
    FROM {group_events} g, params p
    WHERE g.local_date <= p.d
),
at_start AS (
    SELECT b.ps, g.customer_id, g.group_id
    FROM bounds b JOIN gev g ON g.local_date < b.ps
    GROUP BY b.ps, g.customer_id, g.group_id
    HAVING arg_max(g.is_join, g.seq)
),
churned AS (
    SELECT s.ps, s.customer_id, s.group_id,
           bool_or(NOT g.is_join AND g.local_date >= s.ps) AS left_p,
           arg_max(g.is_join, g.seq) AS member_at_end
    FROM at_start s JOIN bounds b ON b.ps = s.ps
    JOIN gev g ON g.customer_id = s.customer_id AND g.group_id = s.group_id AND g.local_date <= b.upto
    GROUP BY s.ps, s.customer_id, s.group_id
),
members_in_p AS (
    SELECT ps, customer_id, group_id FROM at_start
    UNION
    SELECT b.ps, g.customer_id, g.group_id
    FROM bounds b JOIN gev g ON g.is_join AND g.local_date BETWEEN b.ps AND b.upto
),
days AS (
    SELECT o.customer_id, o.local_date, o.online_us
    FROM {online_days} o, params p
    WHERE o.customer_id IN (SELECT customer_id FROM gev)
      AND o.local_date >= (SELECT min(ps) FROM periods) AND o.local_date <= p.d
),
customer_periods AS (
    SELECT b.ps, d.customer_id, count(*) AS active_days, sum(d.online_us) AS online_us
    FROM days d JOIN bounds b ON d.local_date BETWEEN b.ps AND b.upto
    GROUP BY b.ps, d.customer_id
),
active AS (
    SELECT m.ps, m.group_id, m.customer_id, c.active_days, c.online_us
    FROM members_in_p m JOIN customer_periods c ON c.ps = m.ps AND c.customer_id = m.customer_id
),
churn_rows AS (
    SELECT ps, group_id, count(*) AS members_at_start,
           count(*) FILTER (WHERE left_p) AS left_members,
           count(*) FILTER (WHERE left_p AND member_at_end) AS rejoined
    FROM churned
    GROUP BY GROUPING SETS ((ps), (ps, group_id))
),
active_rows AS (
    SELECT ps, group_id, count(*) AS active_members, sum(active_days) AS active_days,
           sum(online_us) AS online_us
    FROM active GROUP BY ps, group_id
    UNION ALL
    SELECT ps, NULL, count(*), sum(active_days), sum(online_us)
    FROM (SELECT ps, customer_id, any_value(active_days) AS active_days, any_value(online_us) AS online_us
          FROM active GROUP BY ps, customer_id)
    GROUP BY ps
),
keys AS (
    SELECT ps, group_id FROM members_in_p
    UNION
    SELECT ps, NULL FROM periods
)
SELECT k.ps AS period_start, k.group_id,
       coalesce(c.members_at_start, 0) AS members_at_start, coalesce(c.left_members, 0) AS left_members,
       coalesce(c.rejoined, 0) AS rejoined, coalesce(a.active_members, 0) AS active_members,
       coalesce(a.active_days, 0) AS active_days, coalesce(a.online_us, 0) / 1e6 AS online_seconds
FROM keys k
LEFT JOIN churn_rows c ON c.ps = k.ps AND c.group_id IS NOT DISTINCT FROM k.group_id
LEFT JOIN active_rows a ON a.ps = k.ps AND a.group_id IS NOT DISTINCT FROM k.group_id
ORDER BY k.ps, k.group_id NULLS FIRST
