-- How first touch and last touch disagree, by channel, over the last 30 days of data.
-- Channels that open journeys (positive difference) are undervalued by last-touch reports;
-- channels that close them (negative) are overvalued. Conversions are fractional counts.
WITH latest AS (
  SELECT max(conversion_date) AS last_day FROM journey_marts.attribution_channel_daily
),
per_model AS (
  SELECT d.channel,
         sum(CASE WHEN d.model = 'first_touch' THEN d.conversions ELSE 0 END) AS first_touch,
         sum(CASE WHEN d.model = 'last_touch' THEN d.conversions ELSE 0 END) AS last_touch
  FROM journey_marts.attribution_channel_daily AS d
  CROSS JOIN latest
  WHERE d.conversion_date > date_sub(latest.last_day, 30)
  GROUP BY d.channel
)
SELECT channel,
       first_touch AS first_touch_conversions,
       last_touch AS last_touch_conversions,
       first_touch - last_touch AS difference,
       CASE WHEN last_touch > 0 THEN round(first_touch / last_touch, 3) END AS first_over_last
FROM per_model
ORDER BY difference DESC, channel
