package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.Columns;

/**
 * The gates of attribution_credit, in one Spark job over the credits before they are written: per
 * conversion and model the credits sum to 1 and credited_revenue to the revenue exactly, and per
 * model the conversions and credited revenue equal journey_silver.conversions' for the slice.
 */
final class CreditChecks {
  /** Credits are doubles: they sum to 1 up to the last bits. */
  private static final double TOLERANCE = 1e-9;

  private CreditChecks() {}

  /**
   * What the checks found.
   *
   * @param conversionModels (conversion, model) pairs credited
   * @param fallbacks (conversion, data-driven model) pairs credited linearly for lack of values
   */
  record Outcome(
      long conversions,
      BigDecimal revenue,
      long rows,
      long conversionModels,
      long notSummingToOne,
      long notSummingToRevenue,
      long fallbacks,
      boolean reconciles,
      String reconciliation) {}

  /**
   * Checks {@code credits} (the rows of attribution_credit plus is_fallback) against {@code
   * conversions} (journey_silver.conversions of the same dates) for {@code models} models.
   */
  static Outcome check(Dataset<Row> credits, Dataset<Row> conversions, int models) {
    Dataset<Row> perConversion =
        credits
            .groupBy("order_id", "model")
            .agg(
                sum("credit").as("credit"),
                sum("credited_revenue").as("credited_revenue"),
                first("revenue").as("revenue"),
                max(col("is_fallback").cast("int")).as("fallback"),
                count(lit(1)).as("rows"));
    Dataset<Row> perModel =
        perConversion
            .groupBy("model")
            .agg(
                count(lit(1)).as("conversions"),
                sum("credited_revenue").as("credited_revenue"),
                count(when(abs(col("credit").minus(1)).gt(TOLERANCE), 1)).as("not_one"),
                count(when(col("credited_revenue").notEqual(col("revenue")), 1)).as("not_revenue"),
                sum("fallback").as("fallbacks"),
                sum("rows").as("rows"));
    Dataset<Row> silver =
        conversions.agg(
            count(lit(1)).as("silver_conversions"),
            coalesce(sum("revenue"), lit(BigDecimal.ZERO).cast(Columns.MONEY))
                .as("silver_revenue"));
    // A handful of rows (one per model), so the driver sees all of them.
    List<Row> rows = silver.join(perModel, lit(true), "left").orderBy("model").collectAsList();

    long silverConversions = rows.get(0).getLong(0);
    BigDecimal silverRevenue = rows.get(0).getDecimal(1);
    long conversionModels = 0, notOne = 0, notRevenue = 0, fallbacks = 0, written = 0;
    List<String> mismatches = new ArrayList<>();
    int modelsSeen = 0;
    for (Row row : rows) {
      if (row.isNullAt(2)) {
        continue; // no credits at all
      }
      modelsSeen++;
      String model = row.getString(2);
      long credited = row.getLong(3);
      BigDecimal revenue = row.getDecimal(4);
      conversionModels += credited;
      notOne += row.getLong(5);
      notRevenue += row.getLong(6);
      fallbacks += row.getLong(7);
      written += row.getLong(8);
      if (credited != silverConversions || revenue.compareTo(silverRevenue) != 0) {
        mismatches.add(
            "%s credits %d conversion(s) and %s"
                .formatted(model, credited, revenue.toPlainString()));
      }
    }
    if (silverConversions > 0 && modelsSeen != models) {
      mismatches.add("%d of %d models credited".formatted(modelsSeen, models));
    }
    String reconciliation =
        "conversions=%d revenue=%s models=%d"
                .formatted(silverConversions, silverRevenue.toPlainString(), models)
            + (mismatches.isEmpty()
                ? "; every model matches"
                : "; " + String.join("; ", mismatches));
    return new Outcome(
        silverConversions,
        silverRevenue,
        written,
        conversionModels,
        notOne,
        notRevenue,
        fallbacks,
        mismatches.isEmpty(),
        reconciliation);
  }
}
