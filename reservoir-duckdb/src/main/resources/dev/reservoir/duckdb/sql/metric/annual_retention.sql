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
years AS (
    SELECT last_year_start AS ly, year_start AS ty, CAST(year_start + INTERVAL 1 YEAR AS DATE) AS ny FROM params
)
-- Each customer is counted on one order day, with no grouping: for last year, the first order
-- day in it (the previous one is before it) and the last (the next one is after it: retained
-- when that next one falls in this year); for this year, the first order day in it, whose
-- previous order day says new (none), or reactivated (one before last year), or neither.
SELECT count(*) FILTER (WHERE order_date >= y.ly AND order_date < y.ty
                          AND (prev_order_day IS NULL OR prev_order_day < y.ly))                  AS last_year,
       count(*) FILTER (WHERE order_date >= y.ly AND order_date < y.ty
                          AND next_order_day >= y.ty AND next_order_day < y.ny)                   AS retained,
       count(*) FILTER (WHERE order_date >= y.ty AND order_date < y.ny
                          AND (prev_order_day IS NULL OR prev_order_day < y.ty))                  AS this_year,
       count(*) FILTER (WHERE order_date >= y.ty AND order_date < y.ny AND prev_order_day IS NULL) AS new_customers,
       count(*) FILTER (WHERE order_date >= y.ty AND order_date < y.ny AND prev_order_day < y.ly)  AS reactivated
FROM orders, years y
WHERE order_date >= y.ly AND order_date < y.ny
