-- annual_retention (SPEC metric 7, 年度客户留存率) of calendar year Y in the tenant's zone.
--   last year's customers  an order dated in Y - 1
--   retained               last year's customers with an order dated in Y (up to D)
--   this year's customers  an order dated in Y (up to D) = new + retained + reactivated
--   new                    first order ever dated in Y
--   reactivated            历史激活老客: an order before Y - 1 and none in Y - 1
--   (an order's date is the earliest local date of its lines; refunds are not orders)
-- Parameters (bound, in this order):
--   1 d DATE (as-of), 2 known_at TIMESTAMPTZ, 3 year_start DATE (Jan 1 of Y),
--   4 last_year_start DATE (Jan 1 of Y - 1)
-- Result: one row: last_year, retained, this_year, new_customers, reactivated
WITH params AS (
    SELECT ?::DATE AS d, ?::TIMESTAMPTZ AS known_at, ?::DATE AS year_start, ?::DATE AS last_year_start
),
{orders_as_of},
per_customer AS (
    SELECT customer_key,
           bool_or(order_date >= p.year_start)                                  AS this_year,
           bool_or(order_date >= p.last_year_start AND order_date < p.year_start) AS last_year,
           bool_or(order_date < p.last_year_start)                              AS before
    FROM orders, params p
    WHERE order_date < p.year_start + INTERVAL 1 YEAR
    GROUP BY customer_key
)
SELECT count(*) FILTER (WHERE last_year)                                  AS last_year,
       count(*) FILTER (WHERE last_year AND this_year)                    AS retained,
       count(*) FILTER (WHERE this_year)                                  AS this_year,
       count(*) FILTER (WHERE this_year AND NOT last_year AND NOT before) AS new_customers,
       count(*) FILTER (WHERE this_year AND NOT last_year AND before)     AS reactivated
FROM per_customer
