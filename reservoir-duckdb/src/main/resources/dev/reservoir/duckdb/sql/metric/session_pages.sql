-- session_pages (SPEC metric 8): per page, over the sessions that began in [from_date, D]
-- (sessions: see sessions.sql).
--   views      page views of the page
--   sessions   sessions that viewed it
--   exits      sessions whose last page view was it; 页面流失率 = exits ÷ sessions
--   entrances  sessions whose first page view was it (landing page)
--   bounces    of those, sessions with exactly one page view; bounce rate = bounces ÷ entrances
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 timeout_seconds BIGINT, 4 from_date DATE
-- Result: one row per page (kind 'page'), and one row (kind 'total', page NULL) whose sessions
-- is the count of all sessions in the period.
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, to_seconds(?::BIGINT) AS timeout, ?::DATE AS from_date
),
{sessions},
in_period AS (
    SELECT s.* FROM sessions s, params p WHERE s.start_date BETWEEN p.from_date AND p.d
),
viewed AS (
    SELECT se.person, se.session_no, se.page, count(*) AS views
    FROM session_events se JOIN in_period s ON s.person = se.person AND s.session_no = se.session_no
    WHERE se.type = 'page_view' AND se.page IS NOT NULL
    GROUP BY se.person, se.session_no, se.page
),
per_page AS (
    SELECT v.page, sum(v.views) AS views, count(*) AS sessions,
           count(*) FILTER (WHERE s.exit_page = v.page) AS exits,
           count(*) FILTER (WHERE s.landing_page = v.page) AS entrances,
           count(*) FILTER (WHERE s.landing_page = v.page AND s.page_views = 1) AS bounces
    FROM viewed v JOIN in_period s ON s.person = v.person AND s.session_no = v.session_no
    GROUP BY v.page
)
SELECT 'page' AS kind, page, views, sessions, exits, entrances, bounces FROM per_page
UNION ALL
SELECT 'total', NULL, NULL, (SELECT count(*) FROM in_period), NULL, NULL, NULL
