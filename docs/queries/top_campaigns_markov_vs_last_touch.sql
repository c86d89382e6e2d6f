-- The ten campaigns with the most Markov-credited revenue in the latest month, beside what a
-- last-touch report gives them. Traffic without a campaign shows GA4's names: (organic),
-- (direct), (referral), or (not set) for tagged traffic that named none.
WITH latest AS (
  SELECT trunc(max(conversion_date), 'MM') AS month_start
  FROM journey_marts.attribution_channel_daily
)
SELECT d.campaign,
       d.channel,
       sum(CASE WHEN d.model = 'markov' THEN d.revenue ELSE 0 END) AS markov_revenue,
       sum(CASE WHEN d.model = 'last_touch' THEN d.revenue ELSE 0 END) AS last_touch_revenue
FROM journey_marts.attribution_channel_daily AS d
CROSS JOIN latest
WHERE d.conversion_date >= latest.month_start
  AND d.conversion_date < add_months(latest.month_start, 1)
  AND d.channel <> '(none)'
GROUP BY d.campaign, d.channel
ORDER BY markov_revenue DESC, d.campaign, d.channel
LIMIT 10
