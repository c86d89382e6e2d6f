-- Does contacting support after the first order change whether customers buy again? Repeat
-- purchase within the window and days to the second order, for customers without a ticket in
-- the days after their first order and with one, by how the ticket was rated. Over every
-- first-order month; only customers old enough to have had the whole window count in the rate.
SELECT ticket_group,
       customers,
       matured,
       repeat_within_window,
       round(repeat_rate, 4) AS repeat_rate,
       round(days_to_second_order_p50, 1) AS median_days_to_second_order,
       days_to_second_order_n AS customers_with_a_second_order,
       after_first_order_days,
       repeat_window_days
FROM journey_marts.support_effect
WHERE grouping_level IN ('all_months', 'all_months_any_ticket', 'total')
ORDER BY CASE ticket_group WHEN '(all)' THEN 0 WHEN 'no_ticket' THEN 1 WHEN 'any_ticket' THEN 2
                           ELSE 3 END, ticket_group
