-- Share of customers and of revenue from loyal customers, per month, under the configured rule.
-- The default basis decides who is loyal at the end of the prior month and measures the month's
-- revenue; the same-period basis (loyalty decided with the month's own orders) is shown beside
-- it because it inflates the share. Numerators and denominators are shipped with the shares.
SELECT month,
       loyalty_rule,
       max(CASE WHEN loyalty_basis = 'as_of_prior_month' THEN loyal_customers END) AS loyal_customers,
       max(CASE WHEN loyalty_basis = 'as_of_prior_month' THEN active_customers END) AS active_customers,
       max(CASE WHEN loyalty_basis = 'as_of_prior_month' THEN round(loyal_customer_share, 4) END)
         AS loyal_customer_share,
       max(CASE WHEN loyalty_basis = 'as_of_prior_month' THEN loyal_revenue END) AS loyal_revenue,
       max(total_revenue) AS total_revenue,
       max(CASE WHEN loyalty_basis = 'as_of_prior_month' THEN round(loyal_revenue_share, 4) END)
         AS loyal_revenue_share,
       max(CASE WHEN loyalty_basis = 'same_period' THEN round(loyal_customer_share, 4) END)
         AS same_period_customer_share_inflated,
       max(CASE WHEN loyalty_basis = 'same_period' THEN round(loyal_revenue_share, 4) END)
         AS same_period_revenue_share_inflated,
       bool_or(is_complete_month) AS is_complete_month
FROM journey_marts.loyal_cohort_revenue
WHERE grouping_level = 'total'
GROUP BY month, loyalty_rule
ORDER BY month
