-- Median days from the first visit to the first purchase, by first-touch channel, over every
-- awareness cohort: the quartiles, the visits it took, and how many customers the percentiles
-- rest on (only customers whose first visit and first purchase were both observed, in order:
-- a shop-till buyer who never visited is left out, not counted as 0 days). Exact percentiles
-- with linear interpolation, computed by the mart; never average them across rows.
SELECT first_touch_channel,
       observed_pairs AS customers,
       round(days_p25, 2) AS p25_days,
       round(days_p50, 2) AS median_days,
       round(days_p75, 2) AS p75_days,
       round(sessions_p50, 1) AS median_visits,
       customers_moved_on_within_window AS bought_within_window,
       customers_matured AS matured_entrants,
       round(conversion_rate, 4) AS conversion_rate_within_window,
       window_days
FROM journey_marts.stage_transition_times
WHERE transition = 'awareness->purchase' AND grouping_level = 'all_cohorts'
ORDER BY customers DESC, first_touch_channel
