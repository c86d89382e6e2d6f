package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Column helpers the voice marts share: conditional counts and ratios that are null over 0. */
public final class Measures {
  private Measures() {}

  /** Rows where {@code condition} holds (null counts as not). */
  public static Column countWhere(Column condition) {
    return count(when(condition, lit(1)));
  }

  /** numerator / denominator as a double; null when the denominator is 0. */
  public static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.divide(denominator));
  }

  /** 100 x numerator / denominator; null when the denominator is 0. */
  public static Column percent(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.multiply(100.0).divide(denominator));
  }
}
