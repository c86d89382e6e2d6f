-- How many sessions lead to an order: conversions and revenue by the number of touches on their
-- path (lookback window), last 30 days. 0 touches are orders with no web session in the window
-- (point of sale, marketplace), credited to '(none)' by every model.
WITH latest AS (
  SELECT max(conversion_date) AS last_day FROM journey_marts.attribution_credit
),
conversions AS (
  SELECT DISTINCT c.order_id, c.touch_count, c.revenue
  FROM journey_marts.attribution_credit AS c
  CROSS JOIN latest
  WHERE c.model = 'linear' AND c.conversion_date > date_sub(latest.last_day, 30)
)
SELECT CASE WHEN touch_count >= 5 THEN '5+' ELSE cast(touch_count AS string) END AS touches,
       count(*) AS conversions,
       sum(revenue) AS revenue,
       sum(count(*)) OVER () AS all_conversions,
       round(count(*) / sum(count(*)) OVER (), 4) AS share_of_conversions
FROM conversions
GROUP BY 1
ORDER BY 1
