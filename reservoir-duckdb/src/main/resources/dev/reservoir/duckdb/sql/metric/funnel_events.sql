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
--   order        time, then at the same instant the lowest step matched first, events matching no
--                step last (FunnelOrder), then the mask, so the walk is the same on every run
-- Parameters of statement 1 (bound, in this order):
--   1 d DATE, 2 known_at TIMESTAMPTZ, 3 from DATE,
--   4 steps VARCHAR: JSON [{"type", "filters": [{"field", "path", "value", "prefix"}]}], field one
--     of page, category, item_id, store_id, channel, property (path: the JSON pointer of the key)
--   5 strict BOOLEAN
-- Result of statement 3: pid, t (epoch microseconds), d (epoch day), m (the mask)
CREATE OR REPLACE TEMP TABLE funnel_candidates AS
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS "from",
           from_json(?::VARCHAR, '[{"type":"VARCHAR","filters":[{"field":"VARCHAR","path":"VARCHAR","value":"VARCHAR","prefix":"BOOLEAN"}]}]') AS steps,
           ?::BOOLEAN AS strict
)
SELECT e.customer_id IS NOT NULL AS is_customer, coalesce(e.customer_id, e.visitor_id) AS person,
       epoch_us(e.occurred_at) AS t, e.local_date - DATE '1970-01-01' AS d,
       list_sum(list_transform(range(1, len(p.steps) + 1), lambda i: CASE
           WHEN p.steps[i].type = e.type
                AND (i > 1 OR e.local_date >= p."from")
                AND coalesce(list_bool_and(list_transform(p.steps[i].filters, lambda f: coalesce(
                        CASE WHEN f.prefix THEN starts_with(CASE f.field
                                 WHEN 'page' THEN e.page WHEN 'category' THEN e.category WHEN 'item_id' THEN e.item_id
                                 WHEN 'store_id' THEN e.store_id WHEN 'channel' THEN e.channel
                                 WHEN 'property' THEN json_extract_string(e.properties, f.path) END, f.value)
                             ELSE (CASE f.field
                                 WHEN 'page' THEN e.page WHEN 'category' THEN e.category WHEN 'item_id' THEN e.item_id
                                 WHEN 'store_id' THEN e.store_id WHEN 'channel' THEN e.channel
                                 WHEN 'property' THEN json_extract_string(e.properties, f.path) END) = f.value
                        END, false))), true)
           THEN (1::BIGINT << (i - 1)) ELSE 0::BIGINT END))::BIGINT AS m
FROM events e, params p
WHERE e.local_date >= p."from" AND e.local_date <= p.d AND e.ingested_at <= p.known_at
  AND (e.customer_id IS NOT NULL OR e.visitor_id IS NOT NULL)
  AND (list_contains(list_transform(p.steps, lambda s: s.type), e.type)
       OR p.strict AND e.type NOT IN ('message_sent', 'coupon_sent'))
;
-- The people with an entry, numbered in id order (customers after visitors: false < true).
CREATE OR REPLACE TEMP TABLE funnel_people AS
SELECT is_customer, person, row_number() OVER (ORDER BY is_customer, person) AS pid
FROM funnel_candidates
GROUP BY is_customer, person
HAVING bool_or(m & 1 = 1)
;
SELECT fp.pid, c.t, c.d, c.m
FROM funnel_candidates c JOIN funnel_people fp ON fp.is_customer = c.is_customer AND fp.person = c.person
ORDER BY fp.pid, c.t, CASE WHEN c.m = 0 THEN (1::BIGINT << 62) ELSE c.m & -c.m END, c.m
