-- stored: the {sessions} common table expressions read from behaviour_sessions (schema.sql) for a
-- report whose events are every stored event up to D (no known-at before the last import, the
-- stored timeout). Same columns as metric/sessions.sql's sessions; only sessions that began in
-- [from_date, D] are certain to be here.
--   affected   people whose stored sessions are not their sessions as of D, among those with a
--              stored session that overlaps [from_date, D] (no one else can have a session that
--              begins in it): a session that runs past D (as of D it ends earlier), or a customer
--              with a visitor identified after D (as of D that visitor's anonymous events are a
--              person of their own). For everyone else the events as of D are their stored events
--              up to the end of D, a cut between whole sessions: each stored session that began
--              by D is one as of D, first sessions included.
--   recomputed the affected people's sessions as of D, computed from their raw events as
--              metric/sessions.sql does, with visitor_identities as of D ({recompute})
--   sessions   the stored sessions of everyone else that began in [from_date, D], and those
affected AS (
    SELECT DISTINCT s.person
    FROM behaviour_sessions s, params p
    WHERE s.start_date <= p.d AND s.end_date >= p.from_date
      AND (s.end_date > p.d
           OR s.customer_id IN (SELECT i.customer_id FROM visitor_identities i, params q WHERE i.identified_date > q.d))
),
affected_customers AS (
    SELECT substr(person, 3) AS customer_id FROM affected WHERE starts_with(person, 'c:')
),
affected_visitors AS (
    SELECT substr(person, 3) AS visitor_id FROM affected WHERE starts_with(person, 'v:')
    UNION
    SELECT visitor_id FROM visitor_identities WHERE customer_id IN (SELECT customer_id FROM affected_customers)
),
{recompute},
sessions AS (
    SELECT person, customer_id, started_at, ended_at, start_date, seconds, events, page_views,
           landing_page, exit_page, referrer, steps, pages, first_session
    FROM behaviour_sessions s, params p
    WHERE s.start_date BETWEEN p.from_date AND p.d AND s.person NOT IN (SELECT person FROM affected)
    UNION ALL
    SELECT person, customer_id, started_at, ended_at, start_date, seconds, events, page_views,
           landing_page, exit_page, referrer, steps, pages, first_session
    FROM recomputed
)
