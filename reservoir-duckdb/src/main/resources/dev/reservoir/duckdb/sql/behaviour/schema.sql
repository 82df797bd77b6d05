-- The behaviour metrics' stored sessions (docs/metrics.md, "Stored sessions"): derived data kept
-- by every import inside its transaction (refresh.sql), like the rollup, so that sessions, pages,
-- paths and four quadrants read a month of sessions instead of sessionizing every stored event.
--
-- visitor_identities: the customer each identified visitor belongs to, over every stored event: the
--   customer id of the earliest event carrying both the visitor id and a customer id (ties by
--   customer id), and that event's instant and tenant-zone date. As of a date D a visitor is
--   identified exactly when identified_date <= D, and then to this same customer (a later event
--   cannot be earlier than the first one).
CREATE TABLE IF NOT EXISTS visitor_identities (
    visitor_id      VARCHAR     NOT NULL,
    customer_id     VARCHAR     NOT NULL,
    identified_at   TIMESTAMPTZ NOT NULL,
    identified_date DATE        NOT NULL
)
;

-- behaviour_sessions: every session of every person over all stored events, split after the
--   stored timeout (behaviour_state). person is 'c:' + customer id, or 'v:' + visitor id for a
--   visitor never identified (an identified visitor's anonymous events are their customer's).
--   start_date / end_date are the tenant-zone dates of the first and last event; steps are the
--   session's path steps in order (the page of a page view, '@' + type for any other event) and
--   pages the pages of its page views in order; first_session marks each person's first.
CREATE TABLE IF NOT EXISTS behaviour_sessions (
    person        VARCHAR     NOT NULL,
    customer_id   VARCHAR,
    started_at    TIMESTAMPTZ NOT NULL,
    ended_at      TIMESTAMPTZ NOT NULL,
    start_date    DATE        NOT NULL,
    end_date      DATE        NOT NULL,
    seconds       BIGINT      NOT NULL,
    events        INTEGER     NOT NULL,
    page_views    INTEGER     NOT NULL,
    landing_page  VARCHAR,
    exit_page     VARCHAR,
    referrer      VARCHAR,
    steps         VARCHAR[]   NOT NULL,
    pages         VARCHAR[],
    first_session BOOLEAN     NOT NULL
)
;

-- behaviour_state: one row once the two tables above hold every stored event, with the layout's
-- version and the session timeout they were split with. A store without it (made before them, or
-- filled by other means) gets them built when opened.
CREATE TABLE IF NOT EXISTS behaviour_state (
    version         INTEGER     NOT NULL,
    timeout_seconds BIGINT      NOT NULL,
    built_at        TIMESTAMPTZ NOT NULL
)
;

-- behaviour_pending: imports whose events the two tables above do not hold yet. Appends of events
--   (HTTP ingestion commits, often and small) only note their import here; the first behaviour
--   query after them, or the next file import, brings the tables up to date for all of them at
--   once (BehaviourSessions.PENDING.catchUp), so a busy feed does not sessionize its customers at every commit.
CREATE TABLE IF NOT EXISTS behaviour_pending (
    import_id BIGINT NOT NULL
)
