-- sessions: the rows of behaviour_sessions made from {person_events} (a query giving
-- person_events.sql's columns; every event of each person it holds, so that session numbers
-- count from the person's first event), split after {timeout_us} microseconds or more without an
-- event. The order of a person's events and the session rule are metric/sessions.sql's: the
-- same instant is ordered by type, page (NULL first) and event id.
-- Speed (EXPLAIN ANALYZE of a million events: the two windows, then the grouping, cost most):
--   the gap is a number of microseconds (epoch_us), not an INTERVAL: subtracting two TIMESTAMPTZ
--     goes through the ICU calendar and cost 1.8 CPU s a million events, more than both windows
--     (0.02 s as integers); the store's connection runs in UTC (DuckDbTenantStore), where
--     that calendar difference is the elapsed time, so both split the same;
--   the second window and the grouping carry only what the session needs: the referrer of a
--     session's first event (so max() finds it), the step, whether it is a page view (with a
--     page); the customer id is the person's ('c:' + customer id), so it is read off the person;
--   lists are made without an ordered aggregate (DuckDB sorts each group's rows for one, several
--     times slower) as structs led by the event's position, sorted per session afterwards.
WITH ordered AS (
    SELECT pe.person, pe.occurred_at, pe.local_date, pe.type, pe.page, pe.properties,
           row_number() OVER w AS n,
           epoch_us(pe.occurred_at) - epoch_us(lag(pe.occurred_at) OVER w) AS gap
    FROM ({person_events}) pe
    WINDOW w AS (PARTITION BY pe.person ORDER BY pe.occurred_at, pe.type, pe.page NULLS FIRST, pe.event_id)
),
stepped AS (
    SELECT o.person, o.occurred_at, o.local_date, o.n,
           o.gap IS NULL OR o.gap >= {timeout_us}                                     AS starts,
           CASE WHEN o.gap IS NULL OR o.gap >= {timeout_us}
                THEN json_extract_string(o.properties, '$.referrer') END             AS referrer,
           CASE WHEN o.type = 'page_view' AND o.page IS NOT NULL THEN o.page ELSE '@' || o.type END AS step,
           o.type = 'page_view'                                                      AS viewed,
           o.type = 'page_view' AND o.page IS NOT NULL                               AS viewed_page
    FROM ordered o
),
session_events AS (
    SELECT s.*, sum(CASE WHEN s.starts THEN 1 ELSE 0 END)
                    OVER (PARTITION BY s.person ORDER BY s.n ROWS UNBOUNDED PRECEDING) AS session_no
    FROM stepped s
),
grouped AS (
    SELECT person, session_no,
           min(occurred_at)                                                  AS started_at,
           max(occurred_at)                                                  AS ended_at,
           min(local_date)                                                   AS start_date,
           max(local_date)                                                   AS end_date,
           count(*)::INTEGER                                                 AS events,
           (count(*) FILTER (WHERE viewed))::INTEGER                         AS page_views,
           max(referrer)                                                     AS referrer,
           list_sort(list({'n': n, 'step': step, 'page': viewed_page}))      AS walk
    FROM session_events
    GROUP BY person, session_no
),
listed AS (
    SELECT g.* EXCLUDE (walk), list_transform(g.walk, x -> x.step) AS steps,
           list_transform(list_filter(g.walk, x -> x.page), x -> x.step) AS page_list
    FROM grouped g
)
SELECT person, CASE WHEN starts_with(person, 'c:') THEN substr(person, 3) END AS customer_id,
       started_at, ended_at, start_date, end_date,
       CAST(epoch(ended_at) - epoch(started_at) AS BIGINT)   AS seconds,
       events, page_views,
       page_list[1]                                          AS landing_page,
       page_list[-1]                                         AS exit_page,
       referrer, steps,
       CASE WHEN len(page_list) > 0 THEN page_list END       AS pages,
       session_no = 1                                        AS first_session
FROM listed
