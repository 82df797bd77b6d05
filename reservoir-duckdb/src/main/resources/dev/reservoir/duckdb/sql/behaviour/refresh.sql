-- refresh: keeps visitor_identities and behaviour_sessions equal to a build from every stored
-- event after one or more imports ({import_ids}: a list of import ids or a query giving them),
-- inside a transaction (BehaviourSessions.PENDING: refresh and catchUp). The touched people's
-- sessions are then inserted by refresh_fresh.sql and refresh_seen.sql.
--
-- Identities: only a visitor the import brings an event with both ids for can change identity
-- (the earliest such event decides), and its new identity is the earlier of the stored one and
-- the import's own earliest, so neither needs a scan of older events.
CREATE OR REPLACE TEMP TABLE bs_claims AS
WITH claims AS (
    SELECT visitor_id, customer_id, occurred_at, local_date
    FROM events WHERE import_id IN ({import_ids}) AND visitor_id IS NOT NULL AND customer_id IS NOT NULL
)
SELECT visitor_id, first(customer_id ORDER BY occurred_at, customer_id) AS customer_id,
       min(occurred_at) AS identified_at, min(local_date) AS identified_date
FROM (SELECT * FROM claims
      UNION ALL
      SELECT visitor_id, customer_id, identified_at, identified_date FROM visitor_identities
      WHERE visitor_id IN (SELECT visitor_id FROM claims))
GROUP BY visitor_id
;
CREATE OR REPLACE TEMP TABLE bs_changed AS
SELECT n.visitor_id, o.customer_id AS old_customer, n.customer_id AS new_customer, n.identified_at, n.identified_date
FROM bs_claims n LEFT JOIN visitor_identities o ON o.visitor_id = n.visitor_id
WHERE o.visitor_id IS NULL OR o.customer_id <> n.customer_id OR o.identified_at <> n.identified_at
;
DELETE FROM visitor_identities WHERE visitor_id IN (SELECT visitor_id FROM bs_changed)
;
INSERT INTO visitor_identities SELECT visitor_id, new_customer, identified_at, identified_date FROM bs_changed
;
-- Touched people: the people of the import's events (with the identities just updated), and for
-- a visitor now belonging to another person, both that person and the one it belonged to (its
-- earlier anonymous events move). A touched person is fresh when no session of theirs is stored
-- and no visitor moved to them: then all of their events are the import's own.
CREATE OR REPLACE TEMP TABLE bs_touched AS
WITH imported AS (
    SELECT DISTINCT person FROM ({import_people})
),
moved AS (
    SELECT CASE WHEN old_customer IS NOT NULL THEN 'c:' || old_customer ELSE 'v:' || visitor_id END AS person
    FROM bs_changed WHERE old_customer IS DISTINCT FROM new_customer
    UNION
    SELECT 'c:' || new_customer FROM bs_changed WHERE old_customer IS DISTINCT FROM new_customer
),
touched AS (
    SELECT person FROM imported UNION SELECT person FROM moved
)
SELECT t.person,
       t.person NOT IN (SELECT person FROM moved)
       AND t.person NOT IN (SELECT person FROM behaviour_sessions WHERE person IN (SELECT person FROM touched)) AS fresh
FROM touched t
;
DELETE FROM behaviour_sessions WHERE person IN (SELECT person FROM bs_touched WHERE NOT fresh)
