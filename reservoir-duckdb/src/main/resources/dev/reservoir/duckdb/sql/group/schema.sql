-- The groups metric's kept tables (docs/metrics.md, "Groups", "Kept tables"): derived data kept
-- by every import inside its transaction (refresh.sql), like the rollup and the stored sessions,
-- so that group churn reads the few join and leave events and a day's online time instead of
-- scanning and windowing the raw events at every call (GroupTables).
--
-- group_events: every stored group_join / group_leave event of a customer with a
--   properties.group_id (group_events.sql): the membership changes. Events are never changed
--   or removed once stored and a resent one is not stored again, so an import only appends its own.
CREATE TABLE IF NOT EXISTS group_events (
    customer_id VARCHAR     NOT NULL,
    group_id    VARCHAR     NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    local_date  DATE        NOT NULL,
    is_join     BOOLEAN     NOT NULL
)
;

-- online_days: one row per customer and tenant-zone date with an activity event (a
--   customer-initiated event other than a join or leave), with the day's online time in
--   microseconds under the default 30-minute gap (online_days.sql): the sum of the gaps between
--   the day's consecutive activity events that are at most the gap.
CREATE TABLE IF NOT EXISTS online_days (
    customer_id VARCHAR NOT NULL,
    local_date  DATE    NOT NULL,
    online_us   BIGINT  NOT NULL
)
;

-- group_state: one row once the two tables above hold every stored event, with the layout's
--   version. A store without it (made before them, or filled by other means) gets them built
--   when opened.
CREATE TABLE IF NOT EXISTS group_state (
    version  INTEGER     NOT NULL,
    built_at TIMESTAMPTZ NOT NULL
)
;

-- group_pending: imports whose events the two tables do not hold yet (appends of events, caught
--   up by the first groups query after them, the next file import or the next open).
CREATE TABLE IF NOT EXISTS group_pending (
    import_id BIGINT NOT NULL
)
