package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.voice.Measures.countWhere;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.job.Gate;

/**
 * support_effect's gates, counted in one action before the write: the total row holds every
 * customer with a first counted order up to the as-of date (journey_silver.conversions); the detail
 * rows add up to every roll-up (per month over groups, per group over months, the ticket groups to
 * any_ticket, everything to the total); on every row repeat_within_window <= matured <= customers
 * and the n behind the percentile is at most the customers.
 */
public final class SupportEffectChecks {
  static final String RECONCILES = "support_effect_reconciles_with_conversions";
  static final String ROLLUPS_ADD_UP = "support_effect_rollups_add_up";
  static final String COMPONENTS = "support_effect_components";

  private static final List<String> MONTH = List.of("first_order_month");
  private static final List<String> GROUP = List.of("ticket_group");

  private SupportEffectChecks() {}

  /**
   * One row: {@code reconcile_groups, reconcile_mismatches}, then groups and mismatches of the five
   * roll-ups, then {@code rows, components_off, customers}.
   */
  public static Dataset<Row> counts(Dataset<Row> conversions, LocalDate asOf, Dataset<Row> mart) {
    List<String> additive = SupportEffect.ADDITIVE;
    Dataset<Row> firstOrders =
        conversions
            .where(col("order_sequence").equalTo(1).and(col("conversion_date").leq(lit(asOf))))
            .select(lit(SupportEffect.ALL).as("ticket_group"), lit(1L).as("customers"));
    Dataset<Row> total = level(mart, "total");
    Dataset<Row> detail = level(mart, "detail");
    Dataset<Row> ticketDetail = detail.where(col("ticket_group").notEqual(SupportEffect.NO_TICKET));
    Dataset<Row> result =
        RollupBalance.compare(firstOrders, total, GROUP, List.of("customers"), "reconcile")
            .crossJoin(
                RollupBalance.compare(detail, level(mart, "all_groups"), MONTH, additive, "months"))
            .crossJoin(
                RollupBalance.compare(
                    ticketDetail, level(mart, "any_ticket"), MONTH, additive, "any_ticket"))
            .crossJoin(
                RollupBalance.compare(detail, level(mart, "all_months"), GROUP, additive, "groups"))
            .crossJoin(
                RollupBalance.compare(
                    ticketDetail.withColumn("ticket_group", lit(SupportEffect.ANY_TICKET)),
                    level(mart, "all_months_any_ticket"),
                    GROUP,
                    additive,
                    "all_months_any_ticket"))
            .crossJoin(
                RollupBalance.compare(
                    level(mart, "all_groups").withColumn("ticket_group", lit(SupportEffect.ALL)),
                    total,
                    GROUP,
                    additive,
                    "total"));
    Column off =
        col("repeat_within_window")
            .gt(col("matured"))
            .or(col("matured").gt(col("customers")))
            .or(col("days_to_second_order_n").gt(col("customers")))
            .or(col("customers_with_several_tickets").gt(col("customers")));
    Dataset<Row> components =
        mart.agg(
            count(lit(1)).as("rows"),
            countWhere(off).as("components_off"),
            coalesce(sum(when(col("grouping_level").equalTo("total"), col("customers"))), lit(0L))
                .as("customers"));
    return result.crossJoin(components);
  }

  /** The three gates of the one row {@link #counts} gives. */
  public static List<Gate> gates(Row counts) {
    long groups = 0;
    long mismatches = 0;
    for (int i = 2; i < 12; i += 2) {
      groups += counts.getLong(i);
      mismatches += counts.getLong(i + 1);
    }
    return List.of(
        Gate.ofMismatches(RECONCILES, counts.getLong(0), counts.getLong(1), ""),
        Gate.ofMismatches(ROLLUPS_ADD_UP, groups, mismatches, ""),
        new Gate(
            COMPONENTS,
            counts.getLong(13) == 0,
            "rows=%d customers=%d off=%d"
                .formatted(counts.getLong(12), counts.getLong(14), counts.getLong(13))));
  }

  private static Dataset<Row> level(Dataset<Row> mart, String groupingLevel) {
    return mart.where(col("grouping_level").equalTo(groupingLevel));
  }
}
