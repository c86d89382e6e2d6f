package org.journeywarehouse.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * One row per key, the first in a given order: how every table picks the newest version of a
 * record delivered several times. The order must be total (end with a unique tiebreaker such as
 * the source file) so a rerun keeps the same row.
 */
public final class NewestRows {
  private static final String RANK = "_newest_rank";

  private NewestRows() {}

  /** The first row of each {@code key} group by {@code order}, e.g. updated_at descending. */
  public static Dataset<Row> firstPerKey(Dataset<Row> rows, Column[] key, Column... order) {
    Column rank = row_number().over(Window.partitionBy(key).orderBy(order));
    return rows.withColumn(RANK, rank).where(col(RANK).equalTo(1)).drop(RANK);
  }

  /** {@link #firstPerKey(Dataset, Column[], Column...)} for a one-column key. */
  public static Dataset<Row> firstPerKey(Dataset<Row> rows, String key, Column... order) {
    return firstPerKey(rows, new Column[] {col(key)}, order);
  }
}
