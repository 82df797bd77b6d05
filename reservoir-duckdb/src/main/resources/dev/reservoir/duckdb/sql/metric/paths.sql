-- paths (SPEC metric 10): in each session that began in [from_date, D] and has the anchor step
-- (sessions: see sessions.sql; a step is a page, or '@' + event type; steps lists a session's in
-- order), the first occurrence of the anchor with up to k steps after it (direction 'next') or before it ('previous'); a
-- session with fewer gets '(exit)' at the end ('(entry)' at the start). Without an anchor
-- (NULL) each session's first step is the anchor. Result: each distinct sequence (anchor
-- included) and its sessions; plus one row with steps NULL whose sessions is the count of all
-- sessions in the period.
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 timeout_seconds BIGINT, 4 from_date DATE,
--   5 anchor VARCHAR (NULL: session start), 6 direction VARCHAR ('next' | 'previous'), 7 k INTEGER
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, to_seconds(?::BIGINT) AS timeout, ?::DATE AS from_date,
           ?::VARCHAR AS anchor, ?::VARCHAR AS direction, ?::INTEGER AS k
),
{sessions},
in_period AS (
    SELECT s.* FROM sessions s, params p WHERE s.start_date BETWEEN p.from_date AND p.d
),
anchored AS (
    SELECT s.steps, CASE WHEN p.anchor IS NULL THEN 1 ELSE list_position(s.steps, p.anchor) END AS an
    FROM in_period s, params p
),
sequences AS (
    SELECT CASE WHEN p.direction = 'next' THEN list_slice(a.steps, a.an, a.an + p.k)
                ELSE list_slice(a.steps, greatest(a.an - p.k, 1), a.an) END AS seq
    FROM anchored a, params p
    WHERE a.an > 0
),
marked AS (
    SELECT CASE WHEN len(s.seq) > p.k THEN s.seq
                WHEN p.direction = 'next' THEN list_append(s.seq, '(exit)')
                ELSE list_prepend('(entry)', s.seq) END AS seq
    FROM sequences s, params p
)
SELECT seq AS steps, count(*) AS sessions FROM marked GROUP BY seq
UNION ALL
SELECT NULL, (SELECT count(*) FROM in_period)
