-- sessions: the rows of behaviour_sessions made from {person_events} (a query giving
-- person_events.sql's columns; every event of each person it holds, so that session numbers
-- count from the person's first event), split after {timeout} (an INTERVAL) or more without an
-- event. The order of a person's events and the session rule are metric/sessions.sql's: the
-- same instant is ordered by type, page (NULL first) and event id.
WITH ordered AS (
    SELECT pe.*,
           CASE WHEN pe.type = 'page_view' AND pe.page IS NOT NULL THEN pe.page ELSE '@' || pe.type END AS step,
           row_number() OVER w AS n,
           pe.occurred_at - lag(pe.occurred_at) OVER w AS gap
    FROM ({person_events}) pe
    WINDOW w AS (PARTITION BY pe.person ORDER BY pe.occurred_at, pe.type, pe.page NULLS FIRST, pe.event_id)
),
session_events AS (
    SELECT o.* EXCLUDE (properties),
           -- the referrer is read for a session's first event only: that is the one kept
           CASE WHEN o.gap IS NULL OR o.gap >= {timeout} THEN json_extract_string(o.properties, '$.referrer') END
               AS referrer,
           sum(CASE WHEN o.gap IS NULL OR o.gap >= {timeout} THEN 1 ELSE 0 END)
               OVER (PARTITION BY o.person ORDER BY o.n ROWS UNBOUNDED PRECEDING) AS session_no
    FROM ordered o
)
SELECT person,
       max(customer_id)                                                              AS customer_id,
       min(occurred_at)                                                              AS started_at,
       max(occurred_at)                                                              AS ended_at,
       min(local_date)                                                               AS start_date,
       max(local_date)                                                               AS end_date,
       CAST(epoch(max(occurred_at)) - epoch(min(occurred_at)) AS BIGINT)             AS seconds,
       count(*)::INTEGER                                                             AS events,
       (count(*) FILTER (WHERE type = 'page_view'))::INTEGER                         AS page_views,
       first(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL) AS landing_page,
       last(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL)  AS exit_page,
       first(referrer ORDER BY n)                                                    AS referrer,
       list(step ORDER BY n)                                                         AS steps,
       list(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL)  AS pages,
       session_no = 1                                                                AS first_session
FROM session_events
GROUP BY person, session_no
