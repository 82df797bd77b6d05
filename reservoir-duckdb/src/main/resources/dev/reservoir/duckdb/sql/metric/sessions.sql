-- sessions: common table expressions shared by the behaviour queries (sessions, pages, paths,
-- quadrants; funnels may reuse them), inserted where a query writes {sessions}. Reads p.d,
-- p.known_at and p.timeout (INTERVAL) from the query's own `params` (SPEC metric 8).
--   identities      a visitor id that an event (as of D) carries together with a customer id
--                   belongs to that customer; with several, the customer of its earliest such
--                   event (ties by customer id)
--   people_events   behaviour events as of D (all types but message_sent and coupon_sent, which
--                   the merchant does), each with its person: 'c:' + customer id (its own or its
--                   visitor's), else 'v:' + visitor id
--   firsts          each person's first event ever (as of D): time and local date
--   acts            the events from two days before p.from_date on, with their path step (the
--                   page of a page view, '@' + type for any other event). Sessions that begin on
--                   or after from_date are whole in it: an earlier event is at least 47 hours
--                   (two local days, a DST day being 23 hours) before them, more than any
--                   timeout (at most one day), so it cannot be in the same session; a session
--                   that began before from_date still begins before it here. So session_no
--                   counts from that window only; a person's first session ever is the one
--                   that starts at firsts.first_at.
--   session_events  acts in time order per person (same instant: by type, page, event id),
--                   n = position in that order; a new session starts at the first event and
--                   after every gap >= timeout; session_no counts them per person. The gap is in
--                   microseconds (epoch_us): subtracting two TIMESTAMPTZ goes through the ICU
--                   calendar, about a hundred times slower, and in the store's UTC session
--                   (DuckDbTenantStore) that calendar difference is the elapsed time too
--   sessions        one row per session: its start (and its tenant-zone date: the date of its
--                   first event, so a session across midnight stays one session), end, events,
--                   page views, landing and exit page (first and last page view with a page),
--                   the referrer of its first event (properties.referrer), customer id, its
--                   steps and the pages of its page views in order, and whether it is the
--                   person's first session ever (it begins at firsts.first_at)
-- This is the computation from raw events. BehaviourSessions reads the stored sessions instead
-- when they hold what the report may see, and uses this text for the people whose stored sessions
-- a date cuts into: {identities} is then visitor_identities as of D, {people_filter} keeps those
-- people's events and {sessions_name} names the result (else: the query below, nothing, sessions).
identities AS (
    {identities}
),
people_events AS (
    SELECT coalesce(e.customer_id, i.customer_id) AS customer_id,
           CASE WHEN coalesce(e.customer_id, i.customer_id) IS NOT NULL
                THEN 'c:' || coalesce(e.customer_id, i.customer_id) ELSE 'v:' || e.visitor_id END AS person,
           e.event_id, e.occurred_at, e.local_date, e.type, e.page, e.properties
    FROM events e LEFT JOIN identities i ON i.visitor_id = e.visitor_id, params p
    WHERE e.local_date <= p.d AND e.ingested_at <= p.known_at
      AND e.type NOT IN ('message_sent', 'coupon_sent') {people_filter}
),
firsts AS (
    SELECT person, min(occurred_at) AS first_at, min(local_date) AS first_date
    FROM people_events GROUP BY person
),
acts AS (
    SELECT pe.* EXCLUDE (properties),
           CASE WHEN pe.type = 'page_view' AND pe.page IS NOT NULL THEN pe.page ELSE '@' || pe.type END AS step,
           json_extract_string(pe.properties, '$.referrer') AS referrer
    FROM people_events pe, params p
    WHERE pe.local_date >= p.from_date - INTERVAL 2 DAY
),
ordered AS (
    SELECT a.*,
           row_number() OVER w AS n,
           epoch_us(a.occurred_at) - epoch_us(lag(a.occurred_at) OVER w) AS gap
    FROM acts a
    WINDOW w AS (PARTITION BY a.person ORDER BY a.occurred_at, a.type, a.page NULLS FIRST, a.event_id)
),
session_events AS (
    SELECT o.*,
           sum(CASE WHEN o.gap IS NULL OR o.gap >= epoch(p.timeout) * 1000000 THEN 1 ELSE 0 END)
               OVER (PARTITION BY o.person ORDER BY o.n ROWS UNBOUNDED PRECEDING) AS session_no
    FROM ordered o, params p
),
{sessions_name} AS (
    SELECT g.* EXCLUDE (session_no), g.started_at = f.first_at AS first_session
    FROM (SELECT person, session_no,
                 max(customer_id)                                                           AS customer_id,
                 min(occurred_at)                                                           AS started_at,
                 max(occurred_at)                                                           AS ended_at,
                 first(local_date ORDER BY n)                                               AS start_date,
                 CAST(epoch(max(occurred_at)) - epoch(min(occurred_at)) AS BIGINT)          AS seconds,
                 count(*)                                                                   AS events,
                 count(*) FILTER (WHERE type = 'page_view')                                 AS page_views,
                 first(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL) AS landing_page,
                 last(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL)  AS exit_page,
                 first(referrer ORDER BY n)                                                 AS referrer,
                 list(step ORDER BY n)                                                      AS steps,
                 list(page ORDER BY n) FILTER (WHERE type = 'page_view' AND page IS NOT NULL) AS pages
          FROM session_events
          GROUP BY person, session_no) g
    JOIN firsts f ON f.person = g.person
)
