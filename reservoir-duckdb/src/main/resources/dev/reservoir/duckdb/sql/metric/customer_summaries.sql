-- customer_summaries (SPEC § Prediction): the per-customer inputs of BG/NBD, Pareto/NBD and
-- Gamma-Gamma as of the calibration end E (dev.reservoir.model.CustomerSummaries).
--   purchase day   a local date with a purchase event of the customer (known at known_at);
--                  its amount is the day's summed purchase amounts (a missing amount is 0)
--   cohort         customers whose first purchase day F is on or before E
--   x              purchase days in (F, E]: repeat days, several purchases on one day once
--   t_x            (last purchase day <= E) - F, in units of unit_days days; 0 when x = 0
--   T              E - F in units
--   monetary       mean amount of the x repeat days; 0 when x = 0
--   holdout_x      purchase days in (E, H]; 0 when H = E (no holdout)
-- Parameters (bound, in this order):
--   1 e DATE, 2 known_at TIMESTAMPTZ, 3 h DATE (holdout end, or E), 4 unit_days DOUBLE
-- Result: customer_id, first_day, x, t_x, t, monetary, holdout_x; by customer_id
WITH params AS (
    SELECT ?::DATE AS e, ?::TIMESTAMPTZ AS known_at, ?::DATE AS h, ?::DOUBLE AS unit_days
),
days AS (
    SELECT customer_id, local_date AS day, coalesce(sum(amount), 0) AS amount
    FROM events, params p
    WHERE local_date <= p.h AND ingested_at <= p.known_at
      AND customer_id IS NOT NULL AND type = 'purchase'
    GROUP BY customer_id, local_date
),
firsts AS (
    SELECT customer_id, min(day) AS first_day FROM days GROUP BY customer_id
)
SELECT d.customer_id, f.first_day,
       count(*) FILTER (WHERE d.day > f.first_day AND d.day <= p.e)                       AS x,
       date_diff('day', f.first_day, max(d.day) FILTER (WHERE d.day <= p.e)) / p.unit_days AS t_x,
       date_diff('day', f.first_day, p.e) / p.unit_days                                   AS t,
       coalesce(CAST(sum(d.amount) FILTER (WHERE d.day > f.first_day AND d.day <= p.e) AS DOUBLE)
                / nullif(count(*) FILTER (WHERE d.day > f.first_day AND d.day <= p.e), 0), 0) AS monetary,
       count(*) FILTER (WHERE d.day > p.e)                                                AS holdout_x
FROM days d JOIN firsts f ON f.customer_id = d.customer_id, params p
WHERE f.first_day <= p.e
GROUP BY d.customer_id, f.first_day, p.e, p.unit_days
ORDER BY d.customer_id
