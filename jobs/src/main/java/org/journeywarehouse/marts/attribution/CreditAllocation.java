package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.journeywarehouse.catalog.Columns;

/**
 * Splits an amount of money across the rows of a group in proportion to their weights, to the cent,
 * so the parts always add up to the amount exactly: largest-remainder rounding. Each row first gets
 * the floor of its exact share in cents; the cents left over go one each to the rows with the
 * largest fractional remainders, ties broken by a tie-break column ascending. Window functions and
 * decimal arithmetic only: no UDF, nothing collected.
 */
public final class CreditAllocation {
  /** A weight relative to the group's largest weight, in [0, 1]. */
  private static final DecimalType RELATIVE_WEIGHT = DataTypes.createDecimalType(19, 18);

  /** A share of the amount, in [0, 1], with enough digits for any cent amount of MONEY. */
  private static final DecimalType SHARE = DataTypes.createDecimalType(20, 19);

  private static final DecimalType CENTS = DataTypes.createDecimalType(18, 0);

  private CreditAllocation() {}

  /**
   * Adds {@code allocatedColumn} (decimal(18,2)) to {@code rows}: the part of {@code amountColumn}
   * (decimal(18,2), the same on every row of a group) that falls to each row in proportion to
   * {@code weightColumn} (a non-negative number) within the group of {@code groupColumns}. Per
   * group the parts sum to the amount exactly. Every group needs a positive weight on some row; a
   * group whose weights are all 0 gets null parts.
   */
  public static Dataset<Row> allocate(
      Dataset<Row> rows,
      List<String> groupColumns,
      String weightColumn,
      String amountColumn,
      String tieBreakColumn,
      String allocatedColumn) {
    if (groupColumns.isEmpty()) {
      throw new IllegalArgumentException("groupColumns must name at least one column, got []");
    }
    Column[] group = groupColumns.stream().map(name -> col(name)).toArray(Column[]::new);
    WindowSpec perGroup = Window.partitionBy(group);
    // Relative to the largest weight so every weight fits decimal(19,18) whatever its scale.
    Column relative =
        col(weightColumn)
            .cast(DataTypes.DoubleType)
            .divide(max(col(weightColumn).cast(DataTypes.DoubleType)).over(perGroup))
            .cast(RELATIVE_WEIGHT);
    Column share = col("_ca_weight").divide(sum(col("_ca_weight")).over(perGroup)).cast(SHARE);
    Column exactCents = col(amountColumn).multiply(lit(100)).cast(CENTS).multiply(col("_ca_share"));
    Column leftover =
        col(amountColumn).multiply(lit(100)).cast(CENTS).minus(sum("_ca_floor").over(perGroup));
    Column rank =
        row_number()
            .over(
                Window.partitionBy(group)
                    .orderBy(col("_ca_remainder").desc(), col(tieBreakColumn).asc()));
    Column cents = col("_ca_floor").plus(when(rank.leq(col("_ca_leftover")), 1).otherwise(0));
    return rows.withColumn("_ca_weight", relative)
        .withColumn("_ca_share", share)
        .withColumn("_ca_exact", exactCents)
        .withColumn("_ca_floor", floor(col("_ca_exact")))
        .withColumn("_ca_remainder", col("_ca_exact").minus(col("_ca_floor")))
        .withColumn("_ca_leftover", leftover)
        .withColumn(allocatedColumn, cents.divide(lit(100)).cast(Columns.MONEY))
        .drop("_ca_weight", "_ca_share", "_ca_exact", "_ca_floor", "_ca_remainder", "_ca_leftover");
  }
}
