-- The store of one tenant (one DuckDB database per tenant).
--
-- events: one row per accepted event; event_id is unique (the import guarantees it: an index
--   over 100M ids would cost more memory and time than the import's own check). occurred_at is the
--   UTC instant; local_date is its date in the tenant's zone, derived once at import because
--   every metric groups by it. ingested_at is when the import that stored it committed its
--   clock reading, so --known-at can reproduce an earlier report. Money is DECIMAL(18,4):
--   exact, and wide enough for prices with three decimals times quantities.
CREATE TABLE IF NOT EXISTS events (
    event_id    VARCHAR       NOT NULL,
    customer_id VARCHAR,
    visitor_id  VARCHAR,
    occurred_at TIMESTAMPTZ   NOT NULL,
    local_date  DATE          NOT NULL,
    type        VARCHAR       NOT NULL,
    page        VARCHAR,
    item_id     VARCHAR,
    category    VARCHAR,
    order_id    VARCHAR,
    quantity    BIGINT,
    amount      DECIMAL(18,4),
    currency    VARCHAR,
    store_id    VARCHAR,
    channel     VARCHAR,
    session_id  VARCHAR,
    properties  VARCHAR,
    ingested_at TIMESTAMPTZ   NOT NULL,
    import_id   BIGINT        NOT NULL
)
;

-- customers: the latest profile of each customer id.
CREATE TABLE IF NOT EXISTS customers (
    customer_id   VARCHAR PRIMARY KEY,
    registered_at TIMESTAMPTZ,
    paid_member   BOOLEAN,
    member_tier   VARCHAR,
    store_id      VARCHAR,
    channel       VARCHAR,
    attributes    VARCHAR,
    ingested_at   TIMESTAMPTZ NOT NULL,
    import_id     BIGINT      NOT NULL
)
;

-- imports: one row per imported file or appended batch, committed with its rows.
CREATE TABLE IF NOT EXISTS imports (
    import_id   BIGINT      PRIMARY KEY,
    source      VARCHAR     NOT NULL,
    mapping     VARCHAR     NOT NULL,
    target      VARCHAR     NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    rows_read   BIGINT      NOT NULL,
    accepted    BIGINT      NOT NULL,
    duplicates  BIGINT      NOT NULL,
    conflicts   BIGINT      NOT NULL,
    rejected    BIGINT      NOT NULL
)
;

-- customer_keys: a small integer for every customer id seen in events or profiles, given once
--   and never changed, so the rollup groups and joins on integers instead of text.
CREATE TABLE IF NOT EXISTS customer_keys (
    customer_id  VARCHAR NOT NULL,
    customer_key INTEGER NOT NULL
)
;

-- customer_days: the rollup most metrics read instead of raw events, one row per customer and
--   local date with an event (sql/rollup/customer_days.sql says what a row holds). It is derived
--   data, kept equal to that query over `events` by every import in the same transaction
--   (sql/rollup/refresh.sql); known-at reports that must leave out events a later import added
--   read the same rows made from `events` (docs/metrics.md, "The rollup").
CREATE TABLE IF NOT EXISTS customer_days (
    customer_key INTEGER   NOT NULL,
    day          DATE      NOT NULL,
    types        USMALLINT NOT NULL,
    orders       INTEGER   NOT NULL,
    amount       DECIMAL(18,4),
    events       INTEGER   NOT NULL,
    refunds      INTEGER   NOT NULL,
    prev_order_day DATE,
    next_order_day DATE,
    order_amount DECIMAL(18,4),
    spanning_orders INTEGER NOT NULL,
    complaints INTEGER NOT NULL,
    reviews INTEGER NOT NULL,
    five_star_reviews INTEGER NOT NULL,
    min_rating INTEGER,
    rating_sum INTEGER
)
;

-- rollup_state: one row once customer_days holds the rollup of every stored event. A store made
-- before the rollup existed (or with an older kind of rollup), or one filled by other means (the
-- benchmark), has none and gets its rollup built when opened.
CREATE TABLE IF NOT EXISTS rollup_state (
    version  INTEGER     NOT NULL,
    built_at TIMESTAMPTZ NOT NULL
)
;

-- rollup_pending: imports whose events customer_days does not hold yet. An append of events (each
--   HTTP ingestion commit) only notes its import here; the first query reading the rollup after
--   it, or the next file import, rolls up all pending imports at once (Rollup.PENDING.catchUp).
CREATE TABLE IF NOT EXISTS rollup_pending (
    import_id BIGINT NOT NULL
)
;

-- events.id_key: hash(event_id), a 64-bit screen for the import's check against stored ids. The
--   check scans this column of every stored event instead of the ids' text (8 bytes a row, joined
--   as integers); equal ids have equal keys, so no stored id is missed, and a key shared by two
--   different ids only sends those ids to the exact comparison of event_id. The user's event_id
--   stays the stored identity. Added to stores made before the column; filled for them when opened.
ALTER TABLE events ADD COLUMN IF NOT EXISTS id_key UBIGINT
;

-- id_key_state: the DuckDB version whose hash() filled every id_key. A store without a row for
--   the running version (made before id_key, written by other means, or opened by a DuckDB whose
--   hash() may differ) gets every id_key computed again when opened. Anything that writes events
--   without the import must fill id_key with hash(event_id) or delete this row.
CREATE TABLE IF NOT EXISTS id_key_state (
    duckdb_version VARCHAR NOT NULL
)
