-- NPS of customers who contacted support against those who never did, from each customer's
-- latest NPS answer (a customer-level NPS: promoters minus detractors over respondents, x 100).
-- A low score after a ticket is the support team's lead; the counts behind the NPS are shipped.
WITH respondents AS (
  SELECT CASE WHEN tickets > 0 THEN 'contacted support' ELSE 'never contacted support' END
           AS support_contact,
         latest_nps_category
  FROM journey_marts.customer_360
  WHERE latest_nps_category <> '(none)'
)
SELECT support_contact,
       count(*) AS respondents,
       count_if(latest_nps_category = 'promoter') AS promoters,
       count_if(latest_nps_category = 'passive') AS passives,
       count_if(latest_nps_category = 'detractor') AS detractors,
       round(100.0 * (count_if(latest_nps_category = 'promoter')
                      - count_if(latest_nps_category = 'detractor')) / count(*), 1) AS nps
FROM respondents
GROUP BY support_contact
ORDER BY support_contact
