package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition.Refresh;

/**
 * Marts: journey stages (DESIGN.md, Stages). Current state: each describes one as-of date (its
 * {@code as_of_date} column), rebuilt whole by a run, and a run for an older date keeps it.
 */
public final class StageTables {
  /** Comment of every current-state mart's as_of_date column. */
  public static final String AS_OF_COMMENT =
      "The logical date the table describes (events up to its end); a backfill of an older date"
          + " keeps the newer state.";

  public static final TableDefinition CUSTOMER_STAGES =
      new TableDefinition(
          new TableId(Layer.MARTS, "customer_stages"),
          "Each customer's journey: the first time it reached awareness, consideration, purchase,"
              + " retention and advocacy, observed (null when the signal was never seen) and"
              + " effective (a later stage implies the earlier ones), days and visits between"
              + " the stages, channels and cohorts. Current state as of as_of_date.",
          "customer_key",
          List.of("customer_key"),
          schema(
              required("customer_key", StringType, "Unified customer key."),
              required("as_of_date", DateType, AS_OF_COMMENT),
              required("awareness_at", TimestampType, "Effective awareness (UTC): the observed"
                  + " one, or earlier when a later stage came first (a till order or a promoter"
                  + " answer before the first visit); never null."),
              required("awareness_observed_at", TimestampType, "Observed awareness: the first"
                  + " session; without any session, the earliest first order, ticket or survey"
                  + " response."),
              required("awareness_source", StringType, "What showed awareness: session, order,"
                  + " ticket or survey_response."),
              column("consideration_at", TimestampType, "Effective consideration: observed, or"
                  + " implied by a purchase or retention (then the purchase time)."),
              column("consideration_observed_at", TimestampType, "Start of the first engaged"
                  + " session (product view, cart, checkout, login/sign-up or enough page views)."),
              column("purchase_at", TimestampType, "Effective purchase: observed, or implied by"
                  + " retention."),
              column("purchase_observed_at", TimestampType, "First counted order."),
              column("retention_at", TimestampType, "Effective retention (= observed)."),
              column("retention_observed_at", TimestampType, "Second counted order."),
              column("advocacy_at", TimestampType, "Effective advocacy (= observed)."),
              column("advocacy_observed_at", TimestampType, "First NPS response of 9 or 10"
                  + " (journey.stages.promoter-min-score)."),
              required("current_stage", StringType, "The highest stage reached, in the order"
                  + " awareness < consideration < purchase < retention < advocacy."),
              required("first_touch_channel", StringType, "Channel of the first session; (none)"
                  + " without a session."),
              required("first_touch_campaign", StringType, "Campaign of the first session; (none)"
                  + " without a session."),
              required("acquisition_channel", StringType, "Last non-direct channel on the first"
                  + " order's path (lookback window); (none) without an order or a session on its"
                  + " path."),
              required("awareness_cohort_month", DateType, "First day of awareness_at's month"
                  + " (reporting time zone)."),
              column("purchase_cohort_month", DateType, "First day of purchase_at's month"
                  + " (reporting time zone); null before a purchase."),
              column("days_awareness_to_consideration", DoubleType, "Days (fractional) from"
                  + " effective awareness to effective consideration."),
              column("days_consideration_to_purchase", DoubleType, "Days from consideration to"
                  + " purchase (effective)."),
              column("days_purchase_to_retention", DoubleType, "Days from the first to the second"
                  + " counted order."),
              column("days_purchase_to_advocacy", DoubleType, "Days from the first order to the"
                  + " first promoter answer; null when the answer came first."),
              column("days_awareness_to_purchase", DoubleType, "Days from awareness to the first"
                  + " counted order: the headline time to purchase."),
              column("sessions_awareness_to_consideration", LongType, "Sessions started in"
                  + " [awareness_at, consideration_at], the one of the later stage included."),
              column("sessions_consideration_to_purchase", LongType, "Sessions started in"
                  + " [consideration_at, purchase_at]."),
              column("sessions_purchase_to_retention", LongType, "Sessions started in"
                  + " [purchase_at, retention_at]."),
              column("sessions_purchase_to_advocacy", LongType, "Sessions started in"
                  + " [purchase_at, advocacy_at]; null when the answer came first."),
              column("sessions_awareness_to_purchase", LongType, "Sessions started in"
                  + " [awareness_at, purchase_at]: visits to the first purchase."),
              required("is_observed_awareness_to_consideration", BooleanType, "Both stages"
                  + " observed at their effective time (neither implied earlier by a later stage),"
                  + " in order: the pair feeds transition-time percentiles."),
              required("is_observed_consideration_to_purchase", BooleanType, "Both observed at"
                  + " their effective time, in order."),
              required("is_observed_purchase_to_retention", BooleanType, "Both observed at their"
                  + " effective time, in order."),
              required("is_observed_purchase_to_advocacy", BooleanType, "Both observed at their"
                  + " effective time, in order (not when the promoter answer came first)."),
              required("is_observed_awareness_to_purchase", BooleanType, "Both observed at their"
                  + " effective time, in order; not when awareness_source is the order itself.")),
          List.of(),
          null,
          Refresh.REBUILT);

  private static final String FROM_STAGE = "awareness, consideration or purchase.";
  private static final String TO_STAGE =
      "consideration, purchase, retention or advocacy (advocacy follows purchase).";
  private static final String TRANSITION = "from_stage->to_stage, e.g. awareness->consideration.";
  private static final String COHORT_BASIS =
      "Which month cohort_month is: awareness (transitions from awareness and consideration) or"
          + " purchase (transitions from purchase).";
  private static final String ROLL_UPS =
      " Roll-up rows are marked by grouping_level: filter on it before summing.";

  public static final TableDefinition STAGE_TRANSITION_TIMES =
      new TableDefinition(
          new TableId(Layer.MARTS, "stage_transition_times"),
          "How many customers move from one journey stage to the next, and how long it takes, per"
              + " cohort month and first-touch channel. The conversion rate counts only matured"
              + " entrants (entered at least window_days before the end of as_of_date); days and"
              + " sessions percentiles use only pairs observed in order, never implied ones."
              + ROLL_UPS
              + " Current state as of as_of_date.",
          "transition x cohort_month x first_touch_channel x grouping_level",
          List.of(
              "from_stage", "to_stage", "grouping_level", "cohort_month", "first_touch_channel"),
          schema(
              required("as_of_date", DateType, AS_OF_COMMENT),
              required("from_stage", StringType, FROM_STAGE),
              required("to_stage", StringType, TO_STAGE),
              required("transition", StringType, TRANSITION),
              required("grouping_level", StringType, "detail (one cohort month and channel),"
                  + " all_channels (every channel of a cohort month), all_cohorts (every cohort"
                  + " month of a channel) or total (the whole transition)."),
              column("cohort_month", DateType, "First day of the entrants' cohort month"
                  + " (reporting time zone): the month of awareness_at for transitions from"
                  + " awareness and consideration, of purchase_at for transitions from purchase"
                  + " (cohort_basis). Null only on all_cohorts and total rows."),
              required("cohort_basis", StringType, COHORT_BASIS),
              required("first_touch_channel", StringType, "Channel of the entrants' first session"
                  + " ((none) without one); (all) on all_channels and total rows."),
              required("customers_entered", LongType, "Customers who reached from_stage"
                  + " (effective timestamps) by the end of as_of_date."),
              required("customers_matured", LongType, "Entrants who reached from_stage at least"
                  + " window_days before the end of as_of_date: conversion_rate's denominator."),
              required("customers_moved_on", LongType, "Entrants who also reached to_stage, at"
                  + " any time (effective timestamps)."),
              required("customers_moved_on_within_window", LongType, "Matured entrants who"
                  + " reached to_stage at most window_days after from_stage: conversion_rate's"
                  + " numerator."),
              required("window_days", IntegerType, "The conversion window"
                  + " (journey.stages.window-days)."),
              column("conversion_rate", DoubleType, "customers_moved_on_within_window /"
                  + " customers_matured; null when no entrant has matured."),
              required("observed_pairs", LongType, "Entrants whose two stages were both observed"
                  + " at their effective time, in order: the n behind every days_ and sessions_"
                  + " figure."),
              column("days_p25", DoubleType, "25th percentile of the days (fractional, seconds /"
                  + " 86400) from from_stage to to_stage over the observed pairs: exact, linear"
                  + " interpolation. Null without observed pairs."),
              column("days_p50", DoubleType, "Median days over the observed pairs."),
              column("days_p75", DoubleType, "75th percentile of days over the observed pairs."),
              column("days_p90", DoubleType, "90th percentile of days over the observed pairs."),
              column("days_mean", DoubleType, "Mean days over the observed pairs."),
              column("sessions_p50", DoubleType, "Median sessions started from from_stage to"
                  + " to_stage (both ends included, the later stage's session counted) over the"
                  + " observed pairs."),
              column("sessions_mean", DoubleType, "Mean sessions over the observed pairs.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final TableDefinition STAGE_TRANSITION_HISTOGRAM =
      new TableDefinition(
          new TableId(Layer.MARTS, "stage_transition_histogram"),
          "How many days a stage transition takes, as bar-chart buckets per cohort month: the"
              + " observed pairs of stage_transition_times counted per days bucket (every bucket"
              + " listed, empty ones with 0)."
              + ROLL_UPS
              + " Current state as of as_of_date.",
          "transition x cohort_month x days_bucket x grouping_level",
          List.of("from_stage", "to_stage", "grouping_level", "cohort_month", "bucket_order"),
          schema(
              required("as_of_date", DateType, AS_OF_COMMENT),
              required("from_stage", StringType, FROM_STAGE),
              required("to_stage", StringType, TO_STAGE),
              required("transition", StringType, TRANSITION),
              required("grouping_level", StringType, "detail (one cohort month) or all_cohorts"
                  + " (every cohort month)."),
              column("cohort_month", DateType, "First day of the entrants' cohort month"
                  + " (reporting time zone; cohort_basis says which stage's). Null only on"
                  + " all_cohorts rows."),
              required("cohort_basis", StringType, COHORT_BASIS),
              required("days_bucket", StringType, "Days (fractional) from from_stage to to_stage,"
                  + " bucketed: 0 is [0, 1), 2-3 is [2, 4), 91+ is 91 or more"
                  + " (journey.stages.histogram-bucket-days)."),
              required("bucket_order", IntegerType, "1 for the shortest bucket, 2, ...: sort"
                  + " the bars by it."),
              required("customers", LongType, "Observed pairs in the bucket: share_of_moved_on's"
                  + " numerator."),
              required("observed_pairs", LongType, "Observed pairs of the transition and cohort"
                  + " month, all buckets: share_of_moved_on's denominator."),
              required("share_of_moved_on", DoubleType, "customers / observed_pairs.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final TableDefinition STAGE_FUNNEL_MONTHLY =
      new TableDefinition(
          new TableId(Layer.MARTS, "stage_funnel_monthly"),
          "The journey funnel of each awareness cohort month and first-touch channel: how many"
              + " customers reached consideration, purchase, retention and advocacy within each"
              + " horizon of their awareness (effective timestamps). Counts and rates are over"
              + " matured customers only (aware at least horizon_days before the end of"
              + " as_of_date)."
              + ROLL_UPS
              + " Current state as of as_of_date.",
          "cohort_month x first_touch_channel x horizon_days x grouping_level",
          List.of("cohort_month", "first_touch_channel", "horizon_days", "grouping_level"),
          schema(
              required("as_of_date", DateType, AS_OF_COMMENT),
              required("cohort_month", DateType, "First day of the month of awareness_at"
                  + " (reporting time zone)."),
              required("first_touch_channel", StringType, "Channel of the first session ((none)"
                  + " without one); (all) on all_channels rows."),
              required("grouping_level", StringType, "detail (one channel) or all_channels (every"
                  + " channel of the cohort month)."),
              required("horizon_days", IntegerType, "Stages count when reached at most this many"
                  + " days after awareness (journey.stages.funnel-horizons-days)."),
              required("customers_aware", LongType, "Customers aware in cohort_month, matured or"
                  + " not."),
              required("customers_matured", LongType, "Aware customers observed for at least"
                  + " horizon_days (awareness at least that long before the end of as_of_date):"
                  + " the base of every count and rate below."),
              required("is_fully_matured", BooleanType, "Every aware customer of the row has"
                  + " matured: more days will not change it (late data and identity merges"
                  + " aside)."),
              required("reached_consideration", LongType, "Matured customers who reached"
                  + " consideration within horizon_days of awareness."),
              required("reached_purchase", LongType, "Matured customers who reached purchase"
                  + " within the horizon."),
              required("reached_retention", LongType, "Matured customers who reached retention"
                  + " (a second counted order) within the horizon."),
              required("reached_advocacy", LongType, "Matured customers who reached advocacy (a"
                  + " promoter answer) within the horizon, buyers or not."),
              required("reached_purchase_and_advocacy", LongType, "Matured customers who reached"
                  + " both purchase and advocacy within the horizon: advocacy_step_rate's"
                  + " numerator."),
              column("consideration_step_rate", DoubleType, "reached_consideration /"
                  + " customers_matured (also consideration's overall rate); null on a zero"
                  + " denominator, as every rate here."),
              column("purchase_step_rate", DoubleType, "reached_purchase /"
                  + " reached_consideration."),
              column("retention_step_rate", DoubleType, "reached_retention / reached_purchase."),
              column("advocacy_step_rate", DoubleType, "reached_purchase_and_advocacy /"
                  + " reached_purchase: the buyers who became promoters."),
              column("purchase_overall_rate", DoubleType, "reached_purchase /"
                  + " customers_matured."),
              column("retention_overall_rate", DoubleType, "reached_retention /"
                  + " customers_matured."),
              column("advocacy_overall_rate", DoubleType, "reached_advocacy /"
                  + " customers_matured.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL =
      List.of(
          CUSTOMER_STAGES,
          STAGE_TRANSITION_TIMES,
          STAGE_TRANSITION_HISTOGRAM,
          STAGE_FUNNEL_MONTHLY);

  private StageTables() {}
}
