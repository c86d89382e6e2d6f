package org.journeywarehouse.marts.web;

import static org.apache.spark.sql.functions.bround;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.WebTables;

/** Column helpers the web marts share: counts of flags, ratios, money sums, roll-up labels. */
final class WebRatios {
  private WebRatios() {}

  /** Rows where {@code condition} holds, as a long (0 for none). */
  static Column countWhere(Column condition) {
    return count(when(condition, lit(1)));
  }

  /** {@code numerator / denominator} as a double; null when the denominator is 0. */
  static Column ratio(String numerator, String denominator) {
    return when(col(denominator).gt(0), col(numerator).cast("double").divide(col(denominator)));
  }

  /** A sum of money as {@code decimal(18,2)}; 0.00 over no rows rather than null. */
  static Column moneySum(Column amount) {
    return coalesce(sum(amount), lit(BigDecimal.ZERO)).cast(Columns.MONEY);
  }

  /** {@code money / count} rounded half-even to the cent; null when the count is 0. */
  static Column moneyPer(String money, String count) {
    return when(col(count).gt(0), bround(col(money).divide(col(count)), 2).cast(Columns.MONEY));
  }

  /** The dimension's value, or {@code (all)} on a row where the rollup summed it away. */
  static Column dimension(String name, Column rolledUp) {
    return when(rolledUp, lit(WebTables.ROLLED_UP)).otherwise(col(name)).as(name);
  }
}
