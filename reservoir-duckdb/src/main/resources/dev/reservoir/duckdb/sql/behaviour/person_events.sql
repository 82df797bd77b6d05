-- person_events: behaviour events (all types but message_sent and coupon_sent, which the merchant
-- does) with their person over every stored event: 'c:' + customer id (the event's own, or its
-- visitor's from visitor_identities), else 'v:' + visitor id. {filter} chooses the events (an
-- SQL condition on events e that BehaviourSessions writes).
SELECT coalesce(e.customer_id, i.customer_id) AS customer_id,
       CASE WHEN coalesce(e.customer_id, i.customer_id) IS NOT NULL
            THEN 'c:' || coalesce(e.customer_id, i.customer_id) ELSE 'v:' || e.visitor_id END AS person,
       e.event_id, e.occurred_at, e.local_date, e.type, e.page, e.properties
FROM events e LEFT JOIN visitor_identities i ON i.visitor_id = e.visitor_id
WHERE e.type NOT IN ('message_sent', 'coupon_sent') AND ({filter})
