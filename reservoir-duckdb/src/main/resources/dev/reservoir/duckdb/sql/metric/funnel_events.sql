-- funnel_events (SPEC metric 9): the events a funnel walks, one person at a time, in order.
-- Three statements; the engine feeds the third's rows to FunnelWalk (reservoir-core), which
-- finds each person's furthest attempt, and stores the result in funnel_reached (funnel_steps.sql).
--   person       the customer id; for anonymous events the visitor id (is_customer = false)
--   mask         bit k-1 set when the event matches step k: its type is the step's type and every
--                filter of the step holds (field = value, or starts with value for a prefix; an
--                event without the field never matches). Bit 0 only for entries: step-1 events
--                dated in [from, D].
--   events       dated in [from, D] and ingested by known-at; events before from cannot follow an
--                entry. Only events of the steps' types, except for strict order, where every
--                customer-initiated event (all but message_sent and coupon_sent) is fed: an event
--                between two steps breaks a strict attempt.
--   order        person, time; the engine puts events at the same instant in the walk's order
--                (the lowest step matched first, events matching no step last, then the mask), so
--                the walk is the same on every run. (Sorting by that here too cost 30% more.)
--   speed        the events are read twice (once to number the people with an entry, once to
--                stream them) rather than stored in a temporary table: writing millions of rows
--                with their ids costs more than a second scan. Only the people table (one row per
--                person) is stored; the stream is sorted by its integer pid, not by the id text.
-- The mask: {step_mask} is written by the engine, one fixed fragment per step and filter,
--   (CASE WHEN e.type = ? AND coalesce(e.page = ?, false) AND ... THEN 1 ELSE 0 END) + (... THEN 2 ...)
--   with the column chosen from a closed set (page, category, item_id, store_id, channel, or
--   json_extract_string(e.properties, ?) for a properties key given as a bound JSON pointer) and
--   "= ?" or "starts_with(column, ?)" for a prefix: every value is bound, no user text is SQL.
--   (A list lambda over the steps bound as one JSON value was several times slower.)
-- {candidates} is the two common table expressions below the line "-- candidates:", put into both
-- statements; its parameters are bound in each (in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 from DATE, 4 types VARCHAR (the steps' event types,
--   comma-separated wire names), 5 strict BOOLEAN, then the mask's values, step by step
-- Statement 1 stores funnel_people (is_customer, person, pid, first_entry, walked): walked is
-- false for people whose events match step 1 only; they reach step 1 at their first entry and
-- statement 2 enters them without walking. Statement 3 returns, for the others, pid, t (epoch
-- microseconds) and dm = d * 2^21 + m (d the epoch day, m the mask, at most 20 bits), from their
-- first entry on (nothing before it can be a step of an attempt), sorted by person and time.
CREATE OR REPLACE TEMP TABLE funnel_people AS
WITH {candidates}
SELECT is_customer, person, row_number() OVER () AS pid, min(t) FILTER (WHERE m & 1 = 1) AS first_entry,
       bool_or(m > 1) AS walked
FROM candidates
GROUP BY is_customer, person
HAVING bool_or(m & 1 = 1)
;
INSERT INTO funnel_reached SELECT pid, 1, first_entry, NULL FROM funnel_people WHERE NOT walked
;
WITH {candidates}
SELECT fp.pid, c.t, c.d * 2097152 + c.m AS dm
FROM candidates c JOIN funnel_people fp ON fp.is_customer = c.is_customer AND fp.person = c.person
WHERE fp.walked AND c.t >= fp.first_entry
ORDER BY fp.pid, c.t
;
-- candidates:
funnel_params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS "from",
           string_split(?::VARCHAR, ',') AS types, ?::BOOLEAN AS strict
),
candidates AS NOT MATERIALIZED (
    SELECT e.customer_id IS NOT NULL AS is_customer, coalesce(e.customer_id, e.visitor_id) AS person,
           epoch_us(e.occurred_at) AS t, (e.local_date - DATE '1970-01-01')::BIGINT AS d,
           CAST({step_mask} AS BIGINT) AS m
    FROM events e, funnel_params p
    WHERE e.local_date >= p."from" AND e.local_date <= p.d AND e.ingested_at <= p.known_at
      AND (e.customer_id IS NOT NULL OR e.visitor_id IS NOT NULL)
      AND (list_contains(p.types, e.type) OR p.strict AND e.type NOT IN ('message_sent', 'coupon_sent'))
)
