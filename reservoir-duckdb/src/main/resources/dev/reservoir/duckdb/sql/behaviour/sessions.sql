-- sessions: the rows of behaviour_sessions made from {person_events} (a query giving
-- person_events.sql's columns; every event of each person it holds, so that session numbers
-- count from the person's first event), split after {timeout} (an INTERVAL) or more without an
-- event. The order of a person's events and the session rule are metric/sessions.sql's: the
-- same instant is ordered by type, page (NULL first) and event id.
-- Speed: lists are made without an ordered aggregate (DuckDB sorts each group's rows for one,
-- several times slower) as structs led by the event's position, sorted per session afterwards;
-- the referrer is kept on a session's first event only, so max() finds it.
WITH ordered AS (
    SELECT pe.person, pe.customer_id, pe.occurred_at, pe.local_date, pe.type, pe.page, pe.properties,
           row_number() OVER w AS n,
           pe.occurred_at - lag(pe.occurred_at) OVER w AS gap
    FROM ({person_events}) pe
    WINDOW w AS (PARTITION BY pe.person ORDER BY pe.occurred_at, pe.type, pe.page NULLS FIRST, pe.event_id)
),
session_events AS (
    SELECT o.* EXCLUDE (properties),
           CASE WHEN o.gap IS NULL OR o.gap >= {timeout} THEN json_extract_string(o.properties, '$.referrer') END
               AS referrer,
           sum(CASE WHEN o.gap IS NULL OR o.gap >= {timeout} THEN 1 ELSE 0 END)
               OVER (PARTITION BY o.person ORDER BY o.n ROWS UNBOUNDED PRECEDING) AS session_no
    FROM ordered o
),
grouped AS (
    SELECT person, session_no,
           max(customer_id)                                                  AS customer_id,
           min(occurred_at)                                                  AS started_at,
           max(occurred_at)                                                  AS ended_at,
           min(local_date)                                                   AS start_date,
           max(local_date)                                                   AS end_date,
           count(*)::INTEGER                                                 AS events,
           (count(*) FILTER (WHERE type = 'page_view'))::INTEGER             AS page_views,
           max(referrer)                                                     AS referrer,
           list_sort(list({'n': n,
                           'step': CASE WHEN type = 'page_view' AND page IS NOT NULL THEN page ELSE '@' || type END,
                           'page': CASE WHEN type = 'page_view' THEN page END}))  AS walk
    FROM session_events
    GROUP BY person, session_no
),
listed AS (
    SELECT g.* EXCLUDE (walk), list_transform(g.walk, x -> x.step) AS steps,
           list_filter(list_transform(g.walk, x -> x.page), x -> x IS NOT NULL) AS page_list
    FROM grouped g
)
SELECT person, customer_id, started_at, ended_at, start_date, end_date,
       CAST(epoch(ended_at) - epoch(started_at) AS BIGINT)   AS seconds,
       events, page_views,
       page_list[1]                                          AS landing_page,
       page_list[-1]                                         AS exit_page,
       referrer, steps,
       CASE WHEN len(page_list) > 0 THEN page_list END       AS pages,
       session_no = 1                                        AS first_session
FROM listed
