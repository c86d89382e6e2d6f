package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
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
              required("awareness_at", TimestampType, "Effective awareness (UTC): first session,"
                  + " else first order, ticket or survey response; never null."),
              required("awareness_observed_at", TimestampType, "Observed awareness (the first"
                  + " signal of any kind): the same as awareness_at."),
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
                  + " first promoter answer."),
              column("days_awareness_to_purchase", DoubleType, "Days from awareness to the first"
                  + " counted order: the headline time to purchase."),
              column("sessions_awareness_to_consideration", LongType, "Sessions started in"
                  + " [awareness_at, consideration_at], the one of the later stage included."),
              column("sessions_consideration_to_purchase", LongType, "Sessions started in"
                  + " [consideration_at, purchase_at]."),
              column("sessions_purchase_to_retention", LongType, "Sessions started in"
                  + " [purchase_at, retention_at]."),
              column("sessions_purchase_to_advocacy", LongType, "Sessions started in"
                  + " [purchase_at, advocacy_at]."),
              column("sessions_awareness_to_purchase", LongType, "Sessions started in"
                  + " [awareness_at, purchase_at]: visits to the first purchase."),
              required("is_observed_awareness_to_consideration", BooleanType, "Both stages"
                  + " observed, in order: the pair feeds transition-time percentiles."),
              required("is_observed_consideration_to_purchase", BooleanType, "Both observed, in"
                  + " order."),
              required("is_observed_purchase_to_retention", BooleanType, "Both observed, in order."),
              required("is_observed_purchase_to_advocacy", BooleanType, "Both observed, in order."),
              required("is_observed_awareness_to_purchase", BooleanType, "Both observed, in"
                  + " order.")),
          List.of(),
          null,
          Refresh.REBUILT);

  public static final List<TableDefinition> ALL = List.of(CUSTOMER_STAGES);

  private StageTables() {}
}
