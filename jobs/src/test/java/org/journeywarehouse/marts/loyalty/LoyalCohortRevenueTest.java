package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TextRows;
import org.junit.jupiter.api.Test;

/**
 * Spec example (issue 5, "Loyalty"): five customers whose February 2026 loyal share differs between
 * the two bases. Default rule repeat_within_12m (2+ counted orders in the trailing 365 days), as of
 * 2026-03-10, no customer_stages rows (every segment (none)).
 *
 * <pre>
 * A  2025-12-10 50.00, 2026-01-20 30.00, 2026-02-05 40.00
 * B  2026-01-15 20.00, 2026-02-10 60.00
 * C  2026-02-20 100.00 (first order)
 * D  2025-02-20 25.00
 * E  2025-06-01 10.00, 2025-09-01 10.00
 * </pre>
 *
 * February's revenue: A 40 + B 60 + C 100 = 200.00 (3 orders, 3 customers).
 *
 * <p>as_of_prior_month, decided on 2026-01-31 (window 2025-02-01..2026-01-31): A 2 orders (loyal),
 * B 1, C unknown, D 1 (2025-02-20 is inside), E 2 (loyal). Known 4, active 4 (A, B, D, E), loyal 2
 * (A, E): share 2 / 4 = 0.5. Loyal revenue A 40.00: 40 / 200 = 0.2. Non-loyal active B 60.00 over B
 * and D: 30.00 each; loyal 40 / 2 = 20.00 each; outside the audience C 100.00.
 *
 * <p>same_period, decided on 2026-02-28 (window 2025-03-01..2026-02-28): A 3 orders, B 2 (its
 * February order makes it loyal), C 1, D 0 (2025-02-20 has left the window: known, not active), E
 * 2. Known 5, active 4 (A, B, C, E), loyal 3 (A, B, E): 3 / 4 = 0.75. Loyal revenue 40 + 60 =
 * 100.00: 100 / 200 = 0.5, two and a half times the prior-month share, because B is counted loyal
 * on the very order whose revenue it is credited with. Loyal 100 / 3 = 33.33 each; non-loyal active
 * C 100.00.
 */
class LoyalCohortRevenueTest {
  private static final StructType ROW =
      new StructType()
          .add("loyalty_basis", DataTypes.StringType)
          .add("is_inflating_basis", DataTypes.BooleanType)
          .add("loyalty_status_date", DataTypes.DateType)
          .add("grouping_level", DataTypes.StringType)
          .add("segment", DataTypes.StringType)
          .add("loyalty_rule", DataTypes.StringType)
          .add("is_complete_month", DataTypes.BooleanType)
          .add("known_customers", DataTypes.LongType)
          .add("active_customers", DataTypes.LongType)
          .add("loyal_customers", DataTypes.LongType)
          .add("non_loyal_active_customers", DataTypes.LongType)
          .add("loyal_customer_share", DataTypes.DoubleType)
          .add("ordering_customers", DataTypes.LongType)
          .add("orders", DataTypes.LongType)
          .add("total_revenue", Columns.MONEY)
          .add("loyal_revenue", Columns.MONEY)
          .add("non_loyal_active_revenue", Columns.MONEY)
          .add("outside_audience_revenue", Columns.MONEY)
          .add("loyal_revenue_share", DataTypes.DoubleType)
          .add("avg_revenue_per_loyal_customer", Columns.MONEY)
          .add("avg_revenue_per_non_loyal_customer", Columns.MONEY);

  @Test
  void asOfPriorMonthAndSamePeriodSharesOfTheFiveCustomerExample() {
    Dataset<Row> february =
        mart()
            .where(col("month").equalTo(day("2026-02-01")).and(col("segment_type").equalTo("all")))
            .selectExpr(ROW.fieldNames());
    assertSameRowsApproximately(
        TextRows.table(
            ROW,
            // basis | inflating | status | level | segment | rule | complete | known | active
            //   | loyal | non-loyal | share | ordering | orders | total | loyal | non-loyal
            //   | outside | revenue share | avg loyal | avg non-loyal
            "as_of_prior_month|false|2026-01-31|total|(all)|repeat_within_12m|true|4|4|2|2|0.5"
                + "|3|3|200.00|40.00 |60.00 |100.00|0.2|20.00|30.00",
            "same_period      |true |2026-02-28|total|(all)|repeat_within_12m|true|5|4|3|1|0.75"
                + "|3|3|200.00|100.00|100.00|0.00  |0.5|33.33|100.00"),
        february,
        1e-12);
  }

  @Test
  void everyMonthFromTheFirstOrderToTheAsOfMonthOnceABasis() {
    // D's 2025-02-20 order opens the spine: 2025-02 .. 2026-03 is 14 months, x 2 bases. Only
    // March 2026 is incomplete (as of 03-10); its same_period status date is 03-10, not 03-31.
    Dataset<Row> totals = mart().where(col("segment_type").equalTo("all"));
    StructType months =
        new StructType()
            .add("month", DataTypes.DateType)
            .add("loyalty_basis", DataTypes.StringType)
            .add("loyalty_status_date", DataTypes.DateType)
            .add("is_complete_month", DataTypes.BooleanType);
    assertSameRowsApproximately(
        TextRows.table(
            months,
            "2026-03-01|as_of_prior_month|2026-02-28|false",
            "2026-03-01|same_period      |2026-03-10|false"),
        totals.where(col("month").equalTo(day("2026-03-01"))).selectExpr(months.fieldNames()),
        0);
    assertThat(totals.count()).isEqualTo(28);
    assertThat(totals.where(col("is_complete_month").equalTo(false)).count()).isEqualTo(2);
  }

  private static Dataset<Row> mart() {
    return LoyalCohortRevenue.mart(
        frame(
            SilverTables.CONVERSIONS,
            List.of(
                SilverRows.conversion("a1", "A", "2025-12-10T10:00:00Z", "50.00", 1),
                SilverRows.conversion("a2", "A", "2026-01-20T10:00:00Z", "30.00", 2),
                SilverRows.conversion("a3", "A", "2026-02-05T10:00:00Z", "40.00", 3),
                SilverRows.conversion("b1", "B", "2026-01-15T10:00:00Z", "20.00", 1),
                SilverRows.conversion("b2", "B", "2026-02-10T10:00:00Z", "60.00", 2),
                SilverRows.conversion("c1", "C", "2026-02-20T10:00:00Z", "100.00", 1),
                SilverRows.conversion("d1", "D", "2025-02-20T10:00:00Z", "25.00", 1),
                SilverRows.conversion("e1", "E", "2025-06-01T10:00:00Z", "10.00", 1),
                SilverRows.conversion("e2", "E", "2025-09-01T10:00:00Z", "10.00", 2))),
        frame(SilverTables.JOURNEY_EVENTS, List.of()),
        frame(StageTables.CUSTOMER_STAGES, List.of()),
        LocalDate.parse("2026-03-10"),
        new LoyaltyRules.Parameters("repeat_within_12m", 2, 365, 0.1, 4, 9));
  }
}
