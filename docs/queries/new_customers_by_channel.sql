-- Where new customers come from: first orders credited by the position-based model (40% to the
-- touch that opened the journey, 40% to the one that closed it, 20% between), last 30 days.
-- Shares come with their numerator and denominator.
WITH latest AS (
  SELECT max(conversion_date) AS last_day FROM journey_marts.attribution_channel_daily
),
recent AS (
  SELECT d.*
  FROM journey_marts.attribution_channel_daily AS d
  CROSS JOIN latest
  WHERE d.model = 'position_based' AND d.conversion_date > date_sub(latest.last_day, 30)
)
SELECT channel,
       round(sum(new_customer_conversions), 2) AS new_customers,
       sum(new_customer_revenue) AS new_customer_revenue,
       round(sum(sum(new_customer_conversions)) OVER (), 2) AS all_new_customers,
       round(sum(new_customer_conversions) / sum(sum(new_customer_conversions)) OVER (), 4)
         AS share_of_new_customers
FROM recent
GROUP BY channel
ORDER BY new_customers DESC, channel
