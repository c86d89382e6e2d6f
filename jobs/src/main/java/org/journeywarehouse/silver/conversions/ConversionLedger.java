package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where every latest order went: latest orders = conversions + not counted + quarantined, and
 * every conversion has a customer_key. The parts are counted on the very rows that get written,
 * so a join that fans out or drops an order shows as an imbalance.
 */
public record ConversionLedger(
    long latestOrders,
    long conversions,
    long notCounted,
    long quarantined,
    long keyedByOrder,
    long withoutKey) {

  private static final String PART = "_ledger_part";
  private static final String LATEST = "latest_order";
  private static final String CONVERSION = "conversion";
  private static final String NOT_COUNTED = "not_counted";
  private static final String QUARANTINED = "quarantined";
  private static final String KEYED_BY_ORDER = "keyed_by_order";
  private static final String WITHOUT_KEY = "without_key";

  /**
   * One row of counts, in one aggregation over tagged rows: every latest order (tagged before
   * any classification), the not-counted ones, the conversion rows (those without a key and
   * those keyed by order tagged too) and the quarantine rows.
   */
  public static Dataset<Row> counts(
      Dataset<Row> withRevenue,
      Dataset<Row> conversions,
      Dataset<Row> quarantine,
      List<String> countedStatuses) {
    Column keyedByOrder = col("customer_key").equalTo(ConversionRows.orderKey());
    Dataset<Row> tagged =
        tag(withRevenue, lit(LATEST))
            .unionByName(tag(withRevenue.where(not(Conversions.isCounted(countedStatuses))), lit(NOT_COUNTED)))
            .unionByName(tag(conversions, lit(CONVERSION)))
            .unionByName(tag(conversions.where(col("customer_key").isNull()), lit(WITHOUT_KEY)))
            .unionByName(tag(conversions.where(keyedByOrder), lit(KEYED_BY_ORDER)))
            .unionByName(tag(quarantine, lit(QUARANTINED)));
    return tagged.agg(
        countOf(LATEST), countOf(CONVERSION), countOf(NOT_COUNTED), countOf(QUARANTINED),
        countOf(KEYED_BY_ORDER), countOf(WITHOUT_KEY));
  }

  /** The ledger of the one row {@link #counts} gives. */
  public static ConversionLedger of(Row counts) {
    return new ConversionLedger(
        counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3),
        counts.getLong(4), counts.getLong(5));
  }

  /** Latest orders = conversions + not counted + quarantined. */
  public boolean balances() {
    return latestOrders == conversions + notCounted + quarantined;
  }

  /** Counts only, never values: what quality_results and job_runs show. */
  public String observed() {
    return ("latest_orders=%d conversions=%d not_counted=%d quarantined=%d keyed_by_order=%d"
            + " without_key=%d")
        .formatted(latestOrders, conversions, notCounted, quarantined, keyedByOrder, withoutKey);
  }

  private static Dataset<Row> tag(Dataset<Row> rows, Column part) {
    return rows.select(part.as(PART));
  }

  /** count() of a non-null value: 0, not null, when nothing matches. */
  private static Column countOf(String part) {
    return count(when(col(PART).equalTo(part), lit(1))).as(part);
  }
}
