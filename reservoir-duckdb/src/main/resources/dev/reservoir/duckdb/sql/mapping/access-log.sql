-- Mapping `access-log`: web server access logs in the combined log format (Apache, nginx) to
-- page views (SPEC.md Conventions: web logs).
--
-- AccessLogReader has already split each line and kept only page views (GET, status 2xx or
-- 304, a path with no extension or a page extension; crawlers only when the mapping includes
-- them). Columns, checked and typed before this runs:
--   occurred_at TIMESTAMPTZ (the line's own offset), client TEXT (masked when the mapping asks),
--   user_agent TEXT, method TEXT, page TEXT (the path without its query string), query TEXT,
--   status INTEGER, referrer TEXT ('-' is empty), crawler BOOLEAN, agent_class TEXT and
--   agent_name TEXT (YAUAA's DeviceClass and AgentName).
--
-- Rules:
--   * the visitor is the client address plus the user agent: the address, '/', and the first 16
--     hex digits of the user agent's MD5 (short, and the same agent always gives the same id);
--     no customer id (the log has none);
--   * the page is the path without its query string;
--   * referrer, query, status, user agent and the crawler flag are kept in properties (the
--     referrer for referrer channels);
--   * the source has no event ids: they are derived from these fields (see import.md), so a
--     log imported twice stores nothing new.
NULL                                                                  AS event_id,
NULL                                                                  AS customer_id,
"client" || '/' || substr(md5(coalesce("user_agent", '')), 1, 16)     AS visitor_id,
"occurred_at"                                                         AS occurred_at,
'page_view'                                                           AS type,
"page"                                                                AS page,
NULL                                                                  AS item_id,
NULL                                                                  AS category,
NULL                                                                  AS order_id,
NULL                                                                  AS quantity,
NULL                                                                  AS amount,
NULL                                                                  AS currency,
NULL                                                                  AS store_id,
NULL                                                                  AS channel,
NULL                                                                  AS session_id,
CAST(json_object('referrer', "referrer", 'query', "query", 'status', "status",
                 'user_agent', "user_agent", 'crawler', "crawler",
                 'agent_class', "agent_class", 'agent_name', "agent_name") AS VARCHAR) AS properties
