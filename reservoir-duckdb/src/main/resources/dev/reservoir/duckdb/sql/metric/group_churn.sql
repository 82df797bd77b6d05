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
    SELECT customer_id, json_extract_string(properties, '$.group_id') AS group_id, local_date,
           epoch_us(occurred_at) * 2 + CASE WHEN type = 'group_leave' THEN 1 ELSE 0 END AS seq,
           type = 'group_join' AS is_join
    FROM events, params p
    WHERE type IN ('group_join', 'group_leave') AND customer_id IS NOT NULL AND local_date <= p.d
      AND ingested_at <= p.known_at AND json_extract_string(properties, '$.group_id') IS NOT NULL
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
acts AS (
    SELECT e.customer_id, e.local_date, epoch_us(e.occurred_at) AS t
    FROM events e, params p
    WHERE e.customer_id IN (SELECT customer_id FROM gev)
      AND e.local_date >= (SELECT min(ps) FROM periods) AND e.local_date <= p.d AND e.ingested_at <= p.known_at
      AND e.type NOT IN ('group_join', 'group_leave', 'message_sent', 'coupon_sent')
),
days AS (
    SELECT customer_id, local_date,
           sum(CASE WHEN gap <= p.gap_us THEN gap ELSE 0 END) / 1e6 AS online_seconds
    FROM (SELECT customer_id, local_date,
                 t - lag(t) OVER (PARTITION BY customer_id, local_date ORDER BY t) AS gap
          FROM acts), params p
    GROUP BY customer_id, local_date
),
active AS (
    SELECT m.ps, m.group_id, m.customer_id, count(*) AS active_days, sum(d.online_seconds) AS online_seconds
    FROM members_in_p m JOIN bounds b ON b.ps = m.ps
    JOIN days d ON d.customer_id = m.customer_id AND d.local_date BETWEEN b.ps AND b.upto
    GROUP BY m.ps, m.group_id, m.customer_id
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
           sum(online_seconds) AS online_seconds
    FROM active GROUP BY ps, group_id
    UNION ALL
    SELECT ps, NULL, count(*), sum(active_days), sum(online_seconds)
    FROM (SELECT ps, customer_id, any_value(active_days) AS active_days, any_value(online_seconds) AS online_seconds
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
       coalesce(a.active_days, 0) AS active_days, coalesce(a.online_seconds, 0) AS online_seconds
FROM keys k
LEFT JOIN churn_rows c ON c.ps = k.ps AND c.group_id IS NOT DISTINCT FROM k.group_id
LEFT JOIN active_rows a ON a.ps = k.ps AND a.group_id IS NOT DISTINCT FROM k.group_id
ORDER BY k.ps, k.group_id NULLS FIRST
