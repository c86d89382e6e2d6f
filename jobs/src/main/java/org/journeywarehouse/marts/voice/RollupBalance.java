package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The gates' building block: do additive measures of detail rows, summed per key, equal those of
 * the rows that should hold their sum (a roll-up row, or the input a mart reconciles with)? A key
 * missing on either side counts as a mismatch, so a lost group shows too. Pure.
 */
public final class RollupBalance {
  private RollupBalance() {}

  /**
   * One row {@code <name>_groups, <name>_mismatches}: keys compared (null-safe) and keys where any
   * measure differs or one side is missing.
   *
   * @param details rows to sum per {@code keys}
   * @param sums rows holding the expected sums, one per key
   * @param measures long or decimal columns present in both
   */
  public static Dataset<Row> compare(
      Dataset<Row> details,
      Dataset<Row> sums,
      List<String> keys,
      List<String> measures,
      String name) {
    Column[] summed = measures.stream().map(m -> sum(col(m)).as(m)).toArray(Column[]::new);
    Dataset<Row> left =
        details
            .groupBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
            .agg(summed[0], Arrays.copyOfRange(summed, 1, summed.length));
    Dataset<Row> right =
        sums.select(
            Stream.concat(keys.stream(), measures.stream())
                .map(c -> col(c))
                .toArray(Column[]::new));
    Column sameKey =
        keys.stream()
            .map(k -> col("d." + k).eqNullSafe(col("s." + k)))
            .reduce(Column::and)
            .orElseThrow();
    Column equal =
        measures.stream()
            .map(m -> coalesce(col("d." + m).equalTo(col("s." + m)), lit(false)))
            .reduce(Column::and)
            .orElseThrow();
    return left.as("d")
        .join(right.as("s"), sameKey, "full_outer")
        .agg(
            count(lit(1)).as(name + "_groups"),
            count(when(not(equal), lit(1))).as(name + "_mismatches"));
  }
}
