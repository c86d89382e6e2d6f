-- Which channels move people along the journey, not only which close orders: linear credit for
-- the stage transitions of the last 30 days, one column per transition. A channel strong in
-- awareness -> consideration but weak in consideration -> purchase feeds the funnel without
-- closing it.
WITH latest AS (SELECT max(transition_date) AS last_day FROM journey_marts.stage_attribution)
SELECT *
FROM (
  SELECT s.channel, s.transition, s.transitions
  FROM journey_marts.stage_attribution AS s
  CROSS JOIN latest
  WHERE s.model = 'linear' AND s.transition_date > date_sub(latest.last_day, 30)
)
PIVOT (
  round(sum(transitions), 2) FOR transition IN (
    'awareness->consideration' AS to_consideration,
    'consideration->purchase' AS to_purchase,
    'purchase->retention' AS to_retention)
)
ORDER BY to_purchase DESC NULLS LAST, channel
