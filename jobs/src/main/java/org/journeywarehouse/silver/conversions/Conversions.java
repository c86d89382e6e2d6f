package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.spark.NewestRows;

/**
 * Orders to conversions: the latest version of each order across deliveries, the counted-order
 * rule, and each customer's order sequence. Pure: Dataset in, Dataset out; the reporting
 * currency side lives in {@link FxConversion}.
 */
public final class Conversions {

  private Conversions() {}

  /**
   * The newest version of each {@code order_id} across all delivery days of bronze orders:
   * newest {@code updated_at}, then newest {@code landing_date}, then the first {@code
   * source_file}. Bronze holds one row per order and landing day, so the pick is total and a
   * rerun keeps the same row.
   */
  public static Dataset<Row> latestOrders(Dataset<Row> bronzeOrders) {
    return NewestRows.firstPerKey(bronzeOrders, "order_id", col("updated_at").desc_nulls_last(),
        col("landing_date").desc_nulls_last(), col("source_file").asc_nulls_last());
  }

  /**
   * True for a counted order (DESIGN.md, Stages): its {@code financial_status} is one of {@code
   * countedStatuses} (by default paid, partially_refunded, partially_paid), it is not cancelled
   * and not refunded in full. Never null, so it can be selected as a flag as well as filtered on.
   */
  public static Column isCounted(List<String> countedStatuses) {
    if (countedStatuses == null || countedStatuses.isEmpty()) {
      throw new IllegalArgumentException(
          "countedStatuses must name at least one financial_status, got " + countedStatuses);
    }
    Column counted =
        col("financial_status")
            .isin(countedStatuses.toArray())
            .and(col("cancelled_at").isNull())
            .and(not(refundedInFull()));
    return coalesce(counted, lit(false));
  }

  /**
   * A refund happened and covers the total. A free order (total 0.00, nothing refunded) is a
   * real purchase, so "nothing refunded" never counts as "refunded in full".
   */
  private static Column refundedInFull() {
    Column refunded =
        coalesce(col("refunded_amount_local"), lit(BigDecimal.ZERO).cast(Columns.MONEY));
    return refunded.gt(0).and(refunded.geq(col("total_price_local")));
  }

  /**
   * The conversions among orders with revenue ({@link FxConversion#withReportingRevenue}):
   * counted orders that have a rate. Counted orders without one are in {@link
   * FxConversion#quarantinedForMissingRate(Dataset, List)}, never here with revenue 0.
   */
  public static Dataset<Row> counted(Dataset<Row> withRevenue, List<String> countedStatuses) {
    Column hasRate = not(col(FxConversion.MISSING_FX_RATE));
    return withRevenue.where(isCounted(countedStatuses).and(hasRate));
  }

  /**
   * Adds {@code order_sequence} (1 for the customer's first counted order by {@code created_at},
   * ties by {@code order_id}), {@code is_first_order} and {@code is_repeat_order} to counted
   * orders with a {@code customer_key}. An order without a key gets nulls: a sequence over all
   * keyless orders together would mean nothing.
   */
  public static Dataset<Row> withOrderSequence(Dataset<Row> counted) {
    Column sequence =
        row_number()
            .over(
                Window.partitionBy(col("customer_key"))
                    .orderBy(col("created_at").asc_nulls_last(), col("order_id").asc()));
    Column known = col("customer_key").isNotNull();
    Column noSequence = lit(null).cast(DataTypes.IntegerType);
    return counted
        .withColumn("order_sequence", when(known, sequence).otherwise(noSequence))
        .withColumn("is_first_order", col("order_sequence").equalTo(1))
        .withColumn("is_repeat_order", col("order_sequence").gt(1));
  }
}
