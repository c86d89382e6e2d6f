-- Revenue by channel under each attribution model, in the latest month with conversions.
-- Every model's column adds up to the month's revenue (journey_silver.conversions), to the
-- cent; the models only disagree on who earned it.
WITH latest AS (
  SELECT trunc(max(conversion_date), 'MM') AS month_start
  FROM journey_marts.attribution_channel_daily
)
SELECT *
FROM (
  SELECT d.channel, d.model, d.revenue
  FROM journey_marts.attribution_channel_daily AS d
  CROSS JOIN latest
  WHERE d.conversion_date >= latest.month_start
    AND d.conversion_date < add_months(latest.month_start, 1)
)
PIVOT (
  sum(revenue) FOR model IN (
    'first_touch' AS first_touch, 'last_touch' AS last_touch,
    'last_non_direct' AS last_non_direct, 'linear' AS linear,
    'position_based' AS position_based, 'time_decay' AS time_decay,
    'markov' AS markov, 'shapley' AS shapley)
)
ORDER BY markov DESC, channel
