package org.journeywarehouse.marts.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.testing.SilverRows;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation gate on hand-built mart rows. Conversions as of 2026-03-10: January 10.00 +
 * 20.01 = 30.01 (2 orders), no February order, March 5.00 (1 order); a 2026-03-11 order (7.00) is
 * after the as-of date and not expected.
 */
class RevenueReconciliationTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-03-10");
  private static final StructType LOYALTY =
      new StructType()
          .add("month", DataTypes.DateType)
          .add("loyalty_basis", DataTypes.StringType)
          .add("segment_type", DataTypes.StringType)
          .add("total_revenue", Columns.MONEY)
          .add("orders", DataTypes.LongType);
  private static final StructType COHORTS =
      new StructType()
          .add("calendar_month", DataTypes.DateType)
          .add("revenue", Columns.MONEY)
          .add("orders", DataTypes.LongType);

  @Test
  void aLoyaltyMartThatAddsUpInEveryBasisAndSegmentationPasses() {
    // 3 months x 2 bases x 3 segment types = 18 groups. January's 30.01 is split 10.00 + 20.01
    // over two segments of each segmentation; February is 0.00 everywhere (no order, but the
    // mart holds the month, so it is compared with 0.00); March 5.00 in one row each. Rows per
    // basis: January 1 + 2 + 2, February 3, March 3: 11, so 22.
    List<Object[]> mart = new ArrayList<>();
    for (String basis : LoyalCohortRevenue.BASES) {
      mart.add(new Object[] {day("2026-01-01"), basis, "all", money("30.01"), 2L});
      for (String type : List.of("acquisition_channel", "first_touch_channel")) {
        mart.add(new Object[] {day("2026-01-01"), basis, type, money("10.00"), 1L});
        mart.add(new Object[] {day("2026-01-01"), basis, type, money("20.01"), 1L});
      }
      for (String type : LoyalCohortRevenue.SEGMENT_TYPES) {
        mart.add(new Object[] {day("2026-02-01"), basis, type, money("0.00"), 0L});
        mart.add(new Object[] {day("2026-03-01"), basis, type, money("5.00"), 1L});
      }
    }
    RevenueReconciliation gate = loyalty(rows(LOYALTY, mart.toArray(Object[][]::new)));
    assertThat(gate).isEqualTo(new RevenueReconciliation(3, 18, 0, 3, 22));
    assertThat(gate.passed()).isTrue();
    assertThat(gate.observed())
        .isEqualTo("months=3 groups=18 failed_groups=0 orders=3 mart_rows=22");
  }

  @Test
  void aCentOffOrAMissingBasisFailsTheLoyaltyGate() {
    // Expected: January and March (the months with orders) x 6 = 12 groups. January: the all
    // rows hold 30.01, but acquisition_channel of as_of_prior_month 30.00 (a cent off) and
    // same_period has no first_touch_channel rows. March is missing entirely (6 groups).
    // Failed: 1 + 1 + 6 = 8 of 12.
    List<Object[]> mart = new ArrayList<>();
    mart.add(new Object[] {day("2026-01-01"), "as_of_prior_month", "all", money("30.01"), 2L});
    mart.add(
        new Object[] {
          day("2026-01-01"), "as_of_prior_month", "acquisition_channel", money("30.00"), 2L
        });
    mart.add(
        new Object[] {
          day("2026-01-01"), "as_of_prior_month", "first_touch_channel", money("30.01"), 2L
        });
    mart.add(new Object[] {day("2026-01-01"), "same_period", "all", money("30.01"), 2L});
    mart.add(
        new Object[] {day("2026-01-01"), "same_period", "acquisition_channel", money("30.01"), 2L});
    RevenueReconciliation gate = loyalty(rows(LOYALTY, mart.toArray(Object[][]::new)));
    assertThat(gate).isEqualTo(new RevenueReconciliation(2, 12, 8, 3, 5));
    assertThat(gate.passed()).isFalse();
  }

  @Test
  void cohortsSummedPerCalendarMonthMustEqualTheMonthsRevenue() {
    // Two cohorts in March (3.00 + 2.00) and January alone, February zero: passes.
    Dataset<Row> balanced =
        rows(
            COHORTS,
            new Object[] {day("2026-01-01"), money("30.01"), 2L},
            new Object[] {day("2026-02-01"), money("0.00"), 0L},
            new Object[] {day("2026-03-01"), money("3.00"), 1L},
            new Object[] {day("2026-03-01"), money("2.00"), 0L});
    assertThat(cohorts(balanced)).isEqualTo(new RevenueReconciliation(3, 3, 0, 3, 4));

    // A broken mart: January a cent high, February holds revenue no order explains, March lost
    // an order: 3 of 3 months fail.
    Dataset<Row> broken =
        rows(
            COHORTS,
            new Object[] {day("2026-01-01"), money("30.02"), 2L},
            new Object[] {day("2026-02-01"), money("1.00"), 1L},
            new Object[] {day("2026-03-01"), money("5.00"), 0L});
    RevenueReconciliation gate = cohorts(broken);
    assertThat(gate).isEqualTo(new RevenueReconciliation(3, 3, 3, 3, 3));
    assertThat(gate.observed()).isEqualTo("months=3 groups=3 failed_groups=3 orders=3 mart_rows=3");
  }

  private static RevenueReconciliation loyalty(Dataset<Row> mart) {
    return RevenueReconciliation.of(
        RevenueReconciliation.loyalCohortRevenue(mart, conversions(), AS_OF).first());
  }

  private static RevenueReconciliation cohorts(Dataset<Row> mart) {
    return RevenueReconciliation.of(
        RevenueReconciliation.cohortRetention(mart, conversions(), AS_OF).first());
  }

  private static Dataset<Row> conversions() {
    return frame(
        SilverTables.CONVERSIONS,
        List.of(
            SilverRows.conversion("o1", "k1", "2026-01-05T10:00:00Z", "10.00", 1),
            SilverRows.conversion("o2", "k2", "2026-01-06T10:00:00Z", "20.01", 1),
            SilverRows.conversion("o3", "k1", "2026-03-02T10:00:00Z", "5.00", 2),
            SilverRows.conversion("o4", "k2", "2026-03-11T10:00:00Z", "7.00", 2)));
  }
}
