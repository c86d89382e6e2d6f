package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/**
 * Marts: the voice of the customer (NPS, CSAT, support) and the support effect on repeat purchase.
 * nps_summary and support_summary are monthly facts: a run rewrites every month touching its dates
 * and the reprocessing window before them. support_effect is current state as of its as_of_date.
 * Every ratio ships with its numerator and denominator; roll-up rows are marked by grouping_level
 * so a SUM over the detail rows never double counts.
 */
public final class VoiceTables {
  private static final String REPLACED =
      " A run rewrites every month touching its dates and the journey.marts.reprocess-days before"
          + " them; older months are final.";
  private static final String MONTH_COMMENT =
      "First day of the month (reporting time zone); the slice a run replaces.";

  public static final TableDefinition NPS_SUMMARY =
      new TableDefinition(
          new TableId(Layer.MARTS, "nps_summary"),
          "NPS and CSAT survey results per response month, survey type and customer segment:"
              + " responses, respondents, promoters, passives, detractors and NPS; CSAT responses,"
              + " satisfied and share. Each segment_type splits the month's responses once: sum"
              + " the detail rows of ONE segment_type (they add up to its total row)."
              + REPLACED,
          "month x survey_type x segment_type x segment",
          List.of("month", "survey_type", "segment_type", "segment"),
          schema(
              required("month", DateType, MONTH_COMMENT),
              required("survey_type", StringType, "nps or csat."),
              required(
                  "segment_type",
                  StringType,
                  "all (every response), acquisition_channel,"
                      + " current_stage, stage_at_response or has_ticket_in_prior_90d."),
              required(
                  "segment",
                  StringType,
                  "The segment: (all) on the total row; the"
                      + " acquisition channel; the stage; with_ticket or without_ticket. Unassigned"
                      + " for a customer missing from customer_stages."),
              required(
                  "grouping_level",
                  StringType,
                  "total (segment_type all) or detail (one"
                      + " segment of segment_type). Sum detail rows within one segment_type only."),
              through(),
              complete(),
              required(
                  "responses",
                  LongType,
                  "Responses given in the month: the NPS and CSAT" + " denominators."),
              required(
                  "respondents",
                  LongType,
                  "Distinct customers who responded (not additive over months or over"
                      + " has_ticket_in_prior_90d / stage_at_response segments)."),
              required("promoters", LongType, "nps: responses scoring 9-10; 0 for csat."),
              required("passives", LongType, "nps: responses scoring 7-8; 0 for csat."),
              required("detractors", LongType, "nps: responses scoring 0-6; 0 for csat."),
              required("nps_numerator", LongType, "promoters - detractors."),
              required("nps_denominator", LongType, "nps: responses (passives count); 0 for csat."),
              column(
                  "nps",
                  DoubleType,
                  "100 x nps_numerator / nps_denominator, -100..100; null" + " for csat."),
              required("csat_responses", LongType, "csat: responses (the denominator); 0 for nps."),
              required("csat_satisfied", LongType, "csat: responses scoring 4-5 (the numerator)."),
              column(
                  "csat_pct",
                  DoubleType,
                  "100 x csat_satisfied / csat_responses, 0..100; null" + " for nps.")),
          List.of(),
          "month",
          Refresh.DATE_SLICE);

  public static final TableDefinition SUPPORT_SUMMARY =
      new TableDefinition(
          new TableId(Layer.MARTS, "support_summary"),
          "Support tickets per month of creation, channel and tag: volume, first reply and"
              + " resolution times (calendar time, exact percentiles with their n), helpdesk CSAT"
              + " and contact rate per 100 counted orders. A ticket with several tags is in each"
              + " tag's detail row but counted once in every roll-up (grouping_level)."
              + REPLACED,
          "month x grouping_level x channel x tag",
          List.of("month", "grouping_level", "channel", "tag"),
          schema(
              required("month", DateType, MONTH_COMMENT + " Month of ticket creation."),
              required(
                  "grouping_level",
                  StringType,
                  "detail (channel x tag), all_tags (a channel, tag (all)), all_channels (a tag,"
                      + " channel (all)) or total (both (all)). Detail rows double count multi-tag"
                      + " tickets: sum all_tags rows over channels instead."),
              required("channel", StringType, "Ticket channel (email, chat, phone, web) or (all)."),
              required(
                  "tag",
                  StringType,
                  "Helpdesk tag, (none) for a ticket without tags, or" + " (all)."),
              through(),
              complete(),
              required(
                  "tickets_created",
                  LongType,
                  "Tickets opened in the month: the contact" + " rate numerator."),
              required("tickets_solved", LongType, "Of those, solved or closed now."),
              required("tickets_open", LongType, "Of those, still new, open, pending or on hold."),
              required("customers_with_ticket", LongType, "Distinct customers among them."),
              column(
                  "first_reply_minutes_p50",
                  DoubleType,
                  "Median calendar minutes to the first"
                      + " agent reply (exact percentile, linear interpolation)."),
              column("first_reply_minutes_p90", DoubleType, "90th percentile of the same."),
              required(
                  "first_reply_n",
                  LongType,
                  "Tickets with a first reply: the n behind the" + " first reply percentiles."),
              column(
                  "resolution_hours_p50",
                  DoubleType,
                  "Median calendar hours from creation to"
                      + " solved, over tickets solved or closed."),
              column("resolution_hours_p90", DoubleType, "90th percentile of the same."),
              required(
                  "resolution_n",
                  LongType,
                  "Solved tickets with a solve time: the n behind"
                      + " the resolution percentiles."),
              required("csat_good", LongType, "Tickets rated good."),
              required("csat_bad", LongType, "Tickets rated bad."),
              required("csat_offered", LongType, "Tickets whose survey went unanswered."),
              required("csat_rated", LongType, "csat_good + csat_bad: csat_pct's denominator."),
              column("csat_pct", DoubleType, "100 x csat_good / csat_rated, 0..100."),
              required(
                  "csat_surveyed",
                  LongType,
                  "csat_good + csat_bad + csat_offered:" + " csat_response_rate's denominator."),
              column("csat_response_rate", DoubleType, "csat_rated / csat_surveyed, 0..1."),
              required(
                  "orders",
                  LongType,
                  "Counted orders of the month (journey_silver"
                      + ".conversions, every channel): the contact rate denominator."),
              column("contact_rate_per_100_orders", DoubleType, "100 x tickets_created / orders.")),
          List.of(),
          "month",
          Refresh.DATE_SLICE);

  public static final TableDefinition SUPPORT_EFFECT =
      new TableDefinition(
          new TableId(Layer.MARTS, "support_effect"),
          "Do customers who needed support buy again? Customers by first-order month and ticket"
              + " group (no ticket, or a ticket within journey.support.after-first-order-days of"
              + " the first order, by its CSAT outcome): repeat purchase within"
              + " journey.support.repeat-window-days over matured customers, and days to the"
              + " second order. Current state as of as_of_date.",
          "grouping_level x first_order_month x ticket_group",
          List.of("grouping_level", "first_order_month", "ticket_group"),
          schema(
              required("as_of_date", DateType, StageTables.AS_OF_COMMENT),
              required(
                  "grouping_level",
                  StringType,
                  "detail (month x group), any_ticket (month,"
                      + " the three ticket groups), all_groups (month, every customer), all_months"
                      + " (group), all_months_any_ticket, or total. Sum detail rows."),
              column(
                  "first_order_month",
                  DateType,
                  "First day of the month of the first counted"
                      + " order (reporting time zone); null on the all_months* and total rows."),
              required(
                  "ticket_group",
                  StringType,
                  "no_ticket, ticket_bad (a ticket in the window rated bad), ticket_good (rated"
                      + " good, none bad), ticket_unrated (tickets, none rated), any_ticket (the"
                      + " three) or (all)."),
              required(
                  "after_first_order_days",
                  IntegerType,
                  "The ticket window after the first"
                      + " order, in days (journey.support.after-first-order-days)."),
              required(
                  "repeat_window_days",
                  IntegerType,
                  "The repeat window, in days" + " (journey.support.repeat-window-days)."),
              required(
                  "customers",
                  LongType,
                  "Customers whose first counted order is in the" + " month."),
              required(
                  "customers_with_several_tickets",
                  LongType,
                  "Of those, with more than one"
                      + " ticket in the window (grouped by their worst rating)."),
              required(
                  "matured",
                  LongType,
                  "Of those, first order at least repeat_window_days"
                      + " before as_of_date: the repeat_rate denominator."),
              required(
                  "repeat_within_window",
                  LongType,
                  "Of the matured, with a second counted order within repeat_window_days of the"
                      + " first: the repeat_rate numerator."),
              column("repeat_rate", DoubleType, "repeat_within_window / matured, 0..1."),
              column(
                  "days_to_second_order_p50",
                  DoubleType,
                  "Median days (fractional) from the"
                      + " first to the second counted order, among customers who ordered again by"
                      + " as_of_date (exact percentile, linear interpolation)."),
              column("days_to_second_order_mean", DoubleType, "Mean of the same."),
              required(
                  "days_to_second_order_n",
                  LongType,
                  "Customers who ordered again: the n" + " behind both.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL =
      List.of(NPS_SUMMARY, SUPPORT_SUMMARY, SUPPORT_EFFECT);

  private VoiceTables() {}

  private static StructField through() {
    return required(
        "through_date",
        DateType,
        "Last day counted: the month's last day, or the"
            + " run's logical date while the month runs.");
  }

  private static StructField complete() {
    return required("is_complete_month", BooleanType, "through_date is the month's last day.");
  }
}
