-- Mapping `online-retail`: UCI Online Retail invoice lines (Chen, Sain and Guo 2012) to events.
--
-- Source columns, already checked and typed before this runs:
--   InvoiceNo TEXT (required), StockCode TEXT, Description TEXT, Quantity INTEGER (required),
--   InvoiceDate TIMESTAMPTZ (required; '2010-12-01 08:26:00' or the workbook's '12/1/2010 8:26',
--   read in the mapping's zone, Europe/London by default), UnitPrice DECIMAL (required),
--   CustomerID TEXT ('17850.0' or '17850'), Country TEXT.
--
-- Rules:
--   * a line is a refund when its invoice number starts with 'C' (a cancellation) or its
--     quantity is negative (stock adjustments); every other line is a purchase;
--   * amount = Quantity x UnitPrice, so refunds are negative and the sum over all lines is the
--     file's sum of Quantity x UnitPrice;
--   * the order is the invoice; the item is the stock code;
--   * CustomerID loses the '.0' the CSV export adds, so both layouts give the same customer;
--     a line without one is anonymous, its visitor the invoice ('invoice:536414');
--   * the source has no event ids: they are derived from these canonical fields (see import.md);
--   * currency is GBP: the retailer is in the UK and prices are in pounds sterling.
NULL                                                             AS event_id,
regexp_replace("CustomerID", '\.0+$', '')                        AS customer_id,
CASE WHEN "CustomerID" IS NULL THEN 'invoice:' || "InvoiceNo" END AS visitor_id,
"InvoiceDate"                                                    AS occurred_at,
CASE WHEN starts_with("InvoiceNo", 'C') OR "Quantity" < 0
     THEN 'refund' ELSE 'purchase' END                           AS type,
NULL                                                             AS page,
"StockCode"                                                      AS item_id,
NULL                                                             AS category,
"InvoiceNo"                                                      AS order_id,
"Quantity"                                                       AS quantity,
CAST("Quantity" * "UnitPrice" AS DECIMAL(18,4))                  AS amount,
'GBP'                                                            AS currency,
NULL                                                             AS store_id,
NULL                                                             AS channel,
NULL                                                             AS session_id,
CAST(json_object('description', "Description", 'country', "Country",
                 'unit_price', CAST("UnitPrice" AS VARCHAR)) AS VARCHAR) AS properties
