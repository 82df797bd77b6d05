-- session_summary (SPEC metric 8): sessions that began in [from_date, D] (sessions: see
-- sessions.sql) and what they add up to.
--   visitors           people with such a session; page_visitors: those with a page view in
--                      them; one_page_visitors: those with exactly one page view in the period
--                      (跳失率 = one_page_visitors ÷ page_visitors)
--   new_visitors       people whose first session ever (as of D) began in the period
--   first_sessions     sessions that begin with the person's first event ever (first_session)
--   seconds            session length = last event − first event, summed
--   online_days        (person, start date) pairs; customer_*: identified customers only
--   channel            the referrer channel of each session's first event, by the referrer's
--                      host ('www.' dropped): none -> direct; one of site_hosts -> internal;
--                      a social network -> social; a search engine -> search; else website
--                      (the host lists are below and in docs/metrics.md)
-- Parameters (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 timeout_seconds BIGINT, 4 from_date DATE,
--   5 site_hosts VARCHAR (comma-separated host names without 'www.'; '' for none)
-- Result: one row per channel (kind = 'channel', name, sessions) and one 'total' row with
-- the counts above.
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, to_seconds(?::BIGINT) AS timeout, ?::DATE AS from_date,
           list_filter(string_split(?::VARCHAR, ','), h -> h <> '') AS site_hosts
),
{sessions},
in_period AS (
    SELECT s.* FROM sessions s, params p WHERE s.start_date BETWEEN p.from_date AND p.d
),
people AS (
    SELECT person, sum(page_views) AS page_views
    FROM in_period GROUP BY person
),
days AS (
    SELECT person, start_date, max(customer_id) AS customer_id FROM in_period GROUP BY person, start_date
),
hosts AS (
    SELECT regexp_replace(lower(regexp_extract(referrer, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#@]+)', 1)),
                          '^www\.', '') AS host, referrer
    FROM in_period
),
channels AS (
    SELECT CASE
             WHEN h.referrer IS NULL OR h.referrer = '' THEN 'direct'
             WHEN list_contains(p.site_hosts, h.host) THEN 'internal'
             WHEN regexp_matches(h.host, '^(.*\.)?(facebook\.com|fb\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|reddit\.com|news\.ycombinator\.com|weibo\.com|weibo\.cn|pinterest\.com|instagram\.com|youtube\.com|vk\.com|tumblr\.com|plus\.google\.com|plus\.url\.google\.com|zhihu\.com|douban\.com|xiaohongshu\.com|t\.me|weixin\.qq\.com|qzone\.qq\.com)$')
               THEN 'social'
             WHEN regexp_matches(h.host, '^(.*\.)?(google\.[a-z.]+|bing\.com|yahoo\.com|yahoo\.co\.jp|baidu\.com|yandex\.[a-z.]+|duckduckgo\.com|sogou\.com|so\.com|sm\.cn|ask\.com|ecosia\.org|naver\.com|seznam\.cz|aol\.com|startpage\.com|qwant\.com)$')
               THEN 'search'
             ELSE 'website'
           END AS channel
    FROM hosts h, params p
)
SELECT 'channel' AS kind, channel AS name, count(*) AS sessions, NULL::BIGINT AS visitors, NULL::BIGINT AS page_views,
       NULL::BIGINT AS seconds, NULL::BIGINT AS page_visitors, NULL::BIGINT AS one_page_visitors,
       NULL::BIGINT AS new_visitors, NULL::BIGINT AS first_sessions, NULL::BIGINT AS online_days,
       NULL::BIGINT AS customer_online_days, NULL::BIGINT AS customer_seconds
FROM channels GROUP BY channel
UNION ALL
SELECT 'total', NULL,
       (SELECT count(*) FROM in_period),
       (SELECT count(*) FROM people),
       (SELECT coalesce(sum(page_views), 0) FROM in_period),
       (SELECT coalesce(sum(seconds), 0) FROM in_period),
       (SELECT count(*) FROM people WHERE page_views > 0),
       (SELECT count(*) FROM people WHERE page_views = 1),
       (SELECT count(DISTINCT person) FROM in_period WHERE first_session),
       (SELECT count(*) FROM in_period WHERE first_session),
       (SELECT count(*) FROM days),
       (SELECT count(*) FROM days WHERE customer_id IS NOT NULL),
       (SELECT coalesce(sum(seconds), 0) FROM in_period WHERE customer_id IS NOT NULL)
