-- paths (SPEC metric 10): in each session that began in [from_date, D] and has the anchor step
-- (sessions: see sessions.sql; a step is a page, or '@' + event type), the first occurrence of
-- the anchor with up to k steps after it (direction 'next') or before it ('previous'); a
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
steps AS (
    SELECT se.person, se.session_no, se.n, se.step
    FROM session_events se JOIN in_period s ON s.person = se.person AND s.session_no = se.session_no
),
anchors AS (
    SELECT st.person, st.session_no, min(st.n) AS an
    FROM steps st, params p
    WHERE p.anchor IS NULL OR st.step = p.anchor
    GROUP BY st.person, st.session_no
),
sequences AS (
    SELECT a.person, a.session_no,
           list(st.step ORDER BY st.n) AS seq,
           count(*) AS len
    FROM anchors a JOIN steps st ON st.person = a.person AND st.session_no = a.session_no, params p
    WHERE CASE WHEN p.direction = 'next' THEN st.n BETWEEN a.an AND a.an + p.k
               ELSE st.n BETWEEN a.an - p.k AND a.an END
    GROUP BY a.person, a.session_no
),
marked AS (
    SELECT CASE WHEN s.len > p.k THEN s.seq
                WHEN p.direction = 'next' THEN list_append(s.seq, '(exit)')
                ELSE list_prepend('(entry)', s.seq) END AS seq
    FROM sequences s, params p
)
SELECT seq AS steps, count(*) AS sessions FROM marked GROUP BY seq
UNION ALL
SELECT NULL, (SELECT count(*) FROM in_period)
