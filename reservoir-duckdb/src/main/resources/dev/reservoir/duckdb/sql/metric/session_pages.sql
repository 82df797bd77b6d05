-- session_pages (SPEC metric 8): per page, over the sessions that began in [from_date, D]
-- (sessions: see sessions.sql; a session is one person's from its start instant, and its pages
-- are the pages of its page views in order).
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
    SELECT person, started_at, page, count(*) AS views,
           any_value(landing_page) AS landing_page, any_value(exit_page) AS exit_page,
           any_value(page_views) AS page_views
    FROM (SELECT s.person, s.started_at, s.landing_page, s.exit_page, s.page_views, unnest(s.pages) AS page
          FROM in_period s)
    GROUP BY person, started_at, page
),
per_page AS (
    SELECT page, sum(views) AS views, count(*) AS sessions,
           count(*) FILTER (WHERE exit_page = page) AS exits,
           count(*) FILTER (WHERE landing_page = page) AS entrances,
           count(*) FILTER (WHERE landing_page = page AND page_views = 1) AS bounces
    FROM viewed
    GROUP BY page
)
SELECT 'page' AS kind, page, views, sessions, exits, entrances, bounces FROM per_page
UNION ALL
SELECT 'total', NULL, NULL, (SELECT count(*) FROM in_period), NULL, NULL, NULL
