-- What the data-driven models make of each channel in the latest fit: Markov's removal effect
-- (how much conversion probability is lost without the channel) and Shapley's share, beside
-- the raw conversion rate of the paths that touched the channel. Compare with
-- ChannelAttribution's global results; shares of each model add up to 1.
WITH latest AS (SELECT max(fit_date) AS fit_date FROM journey_marts.attribution_model_fit)
SELECT f.channel,
       max(CASE WHEN f.model = 'markov' THEN round(f.effect, 4) END) AS markov_removal_effect,
       max(CASE WHEN f.model = 'markov' THEN round(f.effect_share, 4) END) AS markov_share,
       max(CASE WHEN f.model = 'shapley' THEN round(f.effect_share, 4) END) AS shapley_share,
       max(f.converting_paths) AS converting_paths,
       max(f.non_converting_paths) AS non_converting_paths,
       round(max(f.converting_paths) / (max(f.converting_paths) + max(f.non_converting_paths)), 4)
         AS path_conversion_rate,
       max(f.fit_window_start) AS fit_window_start,
       max(f.fit_window_end) AS fit_window_end
FROM journey_marts.attribution_model_fit AS f
JOIN latest ON f.fit_date = latest.fit_date
GROUP BY f.channel
ORDER BY markov_share DESC, f.channel
