-- The retention curve of each acquisition cohort: share of its customers ordering again in
-- months 1, 2 and 3 after the first order (month 0 is the acquisition month, always 100%),
-- and the cumulative revenue per customer so far. Incomplete months are marked, not hidden.
SELECT cohort_month,
       max(cohort_size) AS cohort_size,
       max(CASE WHEN months_since_first_order = 1 THEN round(retention_rate, 4) END) AS month_1,
       max(CASE WHEN months_since_first_order = 2 THEN round(retention_rate, 4) END) AS month_2,
       max(CASE WHEN months_since_first_order = 3 THEN round(retention_rate, 4) END) AS month_3,
       max(cumulative_revenue_per_customer) AS revenue_per_customer_to_date,
       bool_and(is_complete_month) AS every_month_complete
FROM journey_marts.cohort_retention
GROUP BY cohort_month
ORDER BY cohort_month
