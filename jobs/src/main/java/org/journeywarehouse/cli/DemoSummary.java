package org.journeywarehouse.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.LoyaltyTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.VoiceTables;
import org.journeywarehouse.io.DeltaTables;

/**
 * The demo's closing report: rows per table, quarantined rows by source and reason, and the unified
 * customer in numbers (customers, merges, guarded identifiers, conversions).
 */
final class DemoSummary {
  private final SparkSession spark;
  private final DeltaTables tables;

  DemoSummary(SparkSession spark, DeltaTables tables) {
    this.spark = spark;
    this.tables = tables;
  }

  void print(List<TableDefinition> outputs, LocalDate from, LocalDate to) {
    System.out.printf("%nRows per table%n");
    for (TableDefinition table : outputs) {
      long rows =
          spark
              .sql("SELECT count(*) FROM IDENTIFIER(:t)", Map.of("t", tables.qualifiedName(table)))
              .first()
              .getLong(0);
      System.out.printf("  %-34s %,10d%n", tables.qualifiedName(table), rows);
    }
    List<Row> reasons =
        tables
            .read(BronzeTables.QUARANTINE)
            .where(
                col("landing_date")
                    .between(lit(from.toString()).cast("date"), lit(to.toString()).cast("date")))
            .groupBy("source", "reason")
            .agg(count(lit(1)).as("rows"))
            .orderBy("source", "reason")
            .collectAsList(); // a handful of (source, reason) rows
    System.out.printf("%nQuarantined rows by source and reason%n");
    for (Row row : reasons) {
      System.out.printf("  %-18s %-26s %,8d%n", row.getString(0), row.getString(1), row.getLong(2));
    }
    printCustomers(to);
    printAttribution(from, to);
    printJourneyHeadlines(from, to);
  }

  /**
   * The journey in headline numbers: time to first purchase (customer_stages), loyal customers'
   * share of the audience and of revenue in the latest month (loyal_cohort_revenue, both bases) and
   * NPS over the period (nps_summary). A few small aggregates.
   */
  private void printJourneyHeadlines(LocalDate from, LocalDate to) {
    Row purchase =
        tables
            .read(StageTables.CUSTOMER_STAGES)
            .where(col("is_observed_awareness_to_purchase"))
            .agg(
                count(lit(1)),
                percentile(col("days_awareness_to_purchase"), lit(0.5)),
                percentile(col("sessions_awareness_to_purchase"), lit(0.5)))
            .first();
    List<Row> loyalty =
        tables
            .read(LoyaltyTables.LOYAL_COHORT_REVENUE)
            .where(
                col("grouping_level")
                    .equalTo("total")
                    .and(col("month").equalTo(lit(to.withDayOfMonth(1)))))
            .select(
                "loyalty_basis",
                "loyal_customers",
                "active_customers",
                "loyal_customer_share",
                "loyal_revenue",
                "total_revenue",
                "loyal_revenue_share",
                "loyalty_rule",
                "is_complete_month")
            .orderBy("loyalty_basis")
            .collectAsList(); // two rows: one per basis
    Row nps =
        tables
            .read(VoiceTables.NPS_SUMMARY)
            .where(
                col("survey_type")
                    .equalTo("nps")
                    .and(col("segment_type").equalTo("all"))
                    .and(col("month").between(lit(from.withDayOfMonth(1)), lit(to))))
            .agg(sum("nps_numerator"), sum("nps_denominator"), sum("promoters"), sum("detractors"))
            .first();
    System.out.printf("%nJourney headlines%n");
    System.out.printf(
        "  %-50s %s%n",
        "median days from first visit to first purchase",
        purchase.isNullAt(1)
            ? "n/a"
            : "%.1f days, %.0f visits (%,d customers)"
                .formatted(purchase.getDouble(1), purchase.getDouble(2), purchase.getLong(0)));
    String month = to.withDayOfMonth(1).toString().substring(0, 7);
    for (Row basis : loyalty) {
      boolean inflated = basis.getString(0).equals("same_period");
      String label =
          "loyal customers %s (%s)"
              .formatted(
                  month, inflated ? "same period: inflated" : "decided at the prior month's end");
      System.out.printf(
          "  %-50s %s%n",
          label,
          basis.isNullAt(3)
              ? "no audience yet (no orders before the month)"
              : "%.1f%% of %,d active customers, %.1f%% of revenue"
                  .formatted(100 * basis.getDouble(3), basis.getLong(2), 100 * basis.getDouble(6)));
    }
    if (!loyalty.isEmpty()) {
      System.out.printf("  %-50s %s%n", "loyalty rule", loyalty.get(0).getString(7));
    }
    long responses = nps.isNullAt(1) ? 0 : nps.getLong(1);
    System.out.printf(
        "  %-50s %s%n",
        "NPS %s..%s".formatted(from, to),
        responses == 0
            ? "no responses"
            : "%+.0f (%,d responses: %,d promoters, %,d detractors)"
                .formatted(
                    100.0 * nps.getLong(0) / responses, responses, nps.getLong(2), nps.getLong(3)));
  }

  /** Models whose channel shares the demo compares: two rules, linear, and the data-driven two. */
  private static final List<String> SUMMARY_MODELS =
      List.of("first_touch", "last_touch", "linear", "markov", "shapley");

  /**
   * Each channel's share of revenue under a few models, from attribution_channel_daily: one small
   * aggregate (channels x models rows).
   */
  private void printAttribution(LocalDate from, LocalDate to) {
    Dataset<Row> daily =
        tables
            .read(AttributionTables.ATTRIBUTION_CHANNEL_DAILY)
            .where(col("conversion_date").between(lit(from), lit(to)))
            .where(col("model").isin(SUMMARY_MODELS.toArray()));
    List<Row> shares =
        daily
            .groupBy("channel")
            .pivot("model", List.<Object>copyOf(SUMMARY_MODELS))
            .agg(sum("revenue"))
            .orderBy(col("markov").desc_nulls_last(), col("channel"))
            .collectAsList(); // one row per channel
    BigDecimal total =
        shares.stream()
            .map(r -> r.isNullAt(1) ? BigDecimal.ZERO : r.getDecimal(1))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    System.out.printf(
        "%nAttribution: share of revenue by channel, %s..%s (%s)%n",
        from, to, tables.qualifiedName(AttributionTables.ATTRIBUTION_CHANNEL_DAILY));
    System.out.printf(
        "  %-18s%s%n",
        "channel",
        SUMMARY_MODELS.stream().map(m -> "%12s".formatted(m)).reduce("", String::concat));
    for (Row row : shares) {
      StringBuilder line = new StringBuilder("  %-18s".formatted(row.getString(0)));
      for (int i = 1; i <= SUMMARY_MODELS.size(); i++) {
        boolean none = row.isNullAt(i) || total.signum() == 0;
        double share = none ? 0 : row.getDecimal(i).doubleValue() / total.doubleValue();
        line.append("%11.1f%%".formatted(100 * share));
      }
      System.out.println(line);
    }
    System.out.printf(
        "  every model credits the same %,.2f; they differ on who earned it%n",
        total.doubleValue());
  }

  /** The unified customer in numbers: one small aggregate per table. */
  private void printCustomers(LocalDate lastNight) {
    Row customers =
        tables
            .read(SilverTables.CUSTOMERS)
            .agg(count(lit(1)), count(when(col("is_identified"), 1)), sum("identifiers"))
            .first();
    Column lastNightOnly = col("change_date").equalTo(lit(java.sql.Date.valueOf(lastNight)));
    Row changes =
        tables
            .read(SilverTables.IDENTITY_MERGES)
            .agg(
                count(when(col("change_type").equalTo("merged"), 1)),
                count(when(col("change_type").equalTo("split"), 1)),
                count(when(col("change_type").equalTo("created").and(lastNightOnly), 1)),
                count(when(col("change_type").equalTo("merged").and(lastNightOnly), 1)))
            .first();
    long guarded =
        tables
            .read(SilverTables.IDENTITY_GUARDED)
            .select("identifier_type", "identifier")
            .distinct()
            .count();
    Row conversions =
        tables.read(SilverTables.CONVERSIONS).agg(count(lit(1)), sum("revenue")).first();
    System.out.printf("%nUnified customers%n");
    System.out.printf("  %-44s %,10d%n", "customers (customer_key)", customers.getLong(0));
    System.out.printf(
        "  %-44s %,10d%n", "  identified (account, email or phone)", customers.getLong(1));
    System.out.printf(
        "  %-44s %,10d%n",
        "identifiers stitched", customers.isNullAt(2) ? 0 : customers.getLong(2));
    System.out.printf("  %-44s %,10d%n", "merges recorded (identity_merges)", changes.getLong(0));
    System.out.printf("  %-44s %,10d%n", "splits recorded", changes.getLong(1));
    System.out.printf("  %-44s %,10d%n", "  last night: new customers", changes.getLong(2));
    System.out.printf(
        "  %-44s %,10d%n", "  last night: customers merged into older ones", changes.getLong(3));
    System.out.printf("  %-44s %,10d%n", "identifiers refused for merging (guarded)", guarded);
    System.out.printf("  %-44s %,10d%n", "conversions (counted orders)", conversions.getLong(0));
    System.out.printf(
        "  %-44s %,13.2f%n",
        "revenue in the reporting currency",
        conversions.isNullAt(1) ? 0.0 : conversions.getDecimal(1).doubleValue());
  }
}
