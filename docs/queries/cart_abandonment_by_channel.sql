-- Cart and checkout abandonment by channel over the last 30 days of sessions (the closed funnel:
-- a session counts at a step only if it reached every earlier one). Rates are recomputed from
-- the summed numerators and denominators, never averaged across days.
WITH latest AS (SELECT max(session_date) AS last_day FROM journey_marts.ecommerce_funnel_daily)
SELECT f.channel,
       sum(f.sessions) AS sessions,
       sum(f.closed_sessions_with_add_to_cart) AS carts,
       sum(f.cart_abandoned_sessions) AS carts_abandoned,
       round(sum(f.cart_abandoned_sessions) / sum(f.closed_sessions_with_add_to_cart), 4)
         AS cart_abandonment_rate,
       sum(f.closed_sessions_with_checkout) AS checkouts,
       sum(f.checkout_abandoned_sessions) AS checkouts_abandoned,
       round(sum(f.checkout_abandoned_sessions) / sum(f.closed_sessions_with_checkout), 4)
         AS checkout_abandonment_rate
FROM journey_marts.ecommerce_funnel_daily AS f
CROSS JOIN latest
WHERE f.grouping_level = 'detail' AND f.session_date > date_sub(latest.last_day, 30)
GROUP BY f.channel
ORDER BY sessions DESC, f.channel
