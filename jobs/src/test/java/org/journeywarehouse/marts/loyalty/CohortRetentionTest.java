package org.journeywarehouse.marts.loyalty;

import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.TableRows.frame;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TextRows;
import org.junit.jupiter.api.Test;

class CohortRetentionTest {
  static final StructType ROW =
      new StructType()
          .add("cohort_month", DataTypes.DateType)
          .add("months_since_first_order", DataTypes.IntegerType)
          .add("calendar_month", DataTypes.DateType)
          .add("is_complete_month", DataTypes.BooleanType)
          .add("cohort_size", DataTypes.LongType)
          .add("active_customers", DataTypes.LongType)
          .add("retention_rate", DataTypes.DoubleType)
          .add("orders", DataTypes.LongType)
          .add("revenue", Columns.MONEY)
          .add("cumulative_revenue", Columns.MONEY)
          .add("cumulative_revenue_per_customer", Columns.MONEY)
          .add("repeat_customers_cumulative", DataTypes.LongType)
          .add("repeat_rate_cumulative", DataTypes.DoubleType);

  @Test
  void cohortsByMonthsSinceWithZeroRowsFromTheSpine() {
    // As of 2026-03-31, the last day of March: every month is complete.
    // x: 2026-01-10 10.00, 01-20 15.00 (second order in month 0), 03-05 5.00.
    // y: 2026-01-31 20.01, 03-31 30.00 (second order in month 2).
    // z: 2026-02-14 12.34; its 2026-04-02 order is after the as-of date and ignored.
    // January cohort (x, y: size 2):
    //   month 0: both ordered, 3 orders, 45.01; per customer 45.01 / 2 = 22.505, half-even 22.50;
    //     x has its second order: repeat 1 of 2 = 0.5.
    //   month 1 (February): nobody ordered: a zero row from the spine, cumulative still 45.01.
    //   month 2 (March): x and y ordered, 2 orders, 35.00; cumulative 80.01 / 2 = 40.005 ->
    //     40.00; y's second order: repeat 2 of 2.
    // February cohort (z: size 1): month 0 12.34; month 1 (March) zero, cumulative 12.34. No
    //   April row: the spine ends at the as-of month.
    assertSameRowsApproximately(
        TextRows.table(
            ROW,
            // cohort | k | month  | complete | size | active | rate | orders | revenue
            //   | cumulative | per customer | repeat | repeat rate
            "2026-01-01|0|2026-01-01|true|2|2|1.0|3|45.01|45.01|22.50|1|0.5",
            "2026-01-01|1|2026-02-01|true|2|0|0.0|0|0.00 |45.01|22.50|1|0.5",
            "2026-01-01|2|2026-03-01|true|2|2|1.0|2|35.00|80.01|40.00|2|1.0",
            "2026-02-01|0|2026-02-01|true|1|1|1.0|1|12.34|12.34|12.34|0|0.0",
            "2026-02-01|1|2026-03-01|true|1|0|0.0|0|0.00 |12.34|12.34|0|0.0"),
        CohortRetention.mart(conversions(), LocalDate.parse("2026-03-31"))
            .selectExpr(ROW.fieldNames()),
        1e-12);
  }

  @Test
  void theAsOfMonthIsIncompleteUntilItsLastDay() {
    // As of 2026-03-30: y's 03-31 order is not there yet, March is incomplete. January cohort,
    // month 2: only x ordered (5.00), cumulative 50.01 / 2 = 25.005 -> 25.00, y has no second
    // order: repeat 1 of 2. February cohort, month 1: zero and incomplete.
    assertSameRowsApproximately(
        TextRows.table(
            ROW,
            "2026-01-01|0|2026-01-01|true |2|2|1.0|3|45.01|45.01|22.50|1|0.5",
            "2026-01-01|1|2026-02-01|true |2|0|0.0|0|0.00 |45.01|22.50|1|0.5",
            "2026-01-01|2|2026-03-01|false|2|1|0.5|1|5.00 |50.01|25.00|1|0.5",
            "2026-02-01|0|2026-02-01|true |1|1|1.0|1|12.34|12.34|12.34|0|0.0",
            "2026-02-01|1|2026-03-01|false|1|0|0.0|0|0.00 |12.34|12.34|0|0.0"),
        CohortRetention.mart(conversions(), LocalDate.parse("2026-03-30"))
            .selectExpr(ROW.fieldNames()),
        1e-12);
  }

  private static Dataset<Row> conversions() {
    return frame(
        SilverTables.CONVERSIONS,
        List.of(
            SilverRows.conversion("x1", "x", "2026-01-10T10:00:00Z", "10.00", 1),
            SilverRows.conversion("x2", "x", "2026-01-20T10:00:00Z", "15.00", 2),
            SilverRows.conversion("x3", "x", "2026-03-05T10:00:00Z", "5.00", 3),
            SilverRows.conversion("y1", "y", "2026-01-31T10:00:00Z", "20.01", 1),
            SilverRows.conversion("y2", "y", "2026-03-31T10:00:00Z", "30.00", 2),
            SilverRows.conversion("z1", "z", "2026-02-14T10:00:00Z", "12.34", 1),
            SilverRows.conversion("z2", "z", "2026-04-02T10:00:00Z", "99.99", 2)));
  }
}
