package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.col;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;

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
 * Six customers as of 2026-03-31 with the default 365-day window, which starts 2026-03-31 - 364
 * days = 2025-04-01:
 *
 * <pre>
 * k1  2026-02-01 50.00, 03-01 50.00, 03-30 100.00   F 3  M 200.00  R  1 day
 * k2  2026-03-30 40.00                              F 1  M  40.00  R  1
 * k3  2026-01-10 20.00, 03-20 80.00                 F 2  M 100.00  R 11
 * k4  2026-03-20 100.00                             F 1  M 100.00  R 11
 * k5  2025-11-01 10.00, 12-01 300.00                F 2  M 310.00  R 120
 * k6  2024-12-01 70.00 (before the window: lapsed)  F 0  M   0.00  R 485 (365 + 90 + 30)
 * </pre>
 */
class RfmTest {
  private static final StructType MEASURES =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("first_order_date", DataTypes.DateType)
          .add("last_order_date", DataTypes.DateType)
          .add("orders_to_date", DataTypes.LongType)
          .add("recency_days", DataTypes.IntegerType)
          .add("frequency", DataTypes.LongType)
          .add("monetary", Columns.MONEY);
  private static final StructType SCORES =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("rfm_recency_score", DataTypes.IntegerType)
          .add("rfm_frequency_score", DataTypes.IntegerType)
          .add("rfm_monetary_score", DataTypes.IntegerType)
          .add("rfm_segment", DataTypes.StringType);

  @Test
  void measuresCountTheTrailingWindowAndRecencyFromTheLastOrderEver() {
    assertSameRows(
        rows(
            MEASURES,
            measure("k1", "2026-02-01", "2026-03-30", 3, 1, 3, "200.00"),
            measure("k2", "2026-03-30", "2026-03-30", 1, 1, 1, "40.00"),
            measure("k3", "2026-01-10", "2026-03-20", 2, 11, 2, "100.00"),
            measure("k4", "2026-03-20", "2026-03-20", 1, 11, 1, "100.00"),
            measure("k5", "2025-11-01", "2025-12-01", 2, 120, 2, "310.00"),
            measure("k6", "2024-12-01", "2024-12-01", 1, 485, 0, "0.00")),
        Rfm.measures(conversions(), asOf("2026-03-31"), 365)
            .select(
                col("customer_key"),
                col("first_order_date"),
                col("last_order_date"),
                col("orders_to_date"),
                col("recency_days"),
                col("frequency"),
                col("monetary")));
  }

  @Test
  void quintileScoresOverATotalOrderAndTheirSegments() {
    // ntile(5) over 6 rows: 6 = 5 x 1 + 1, so the first bucket takes 2 rows: 1, 1, 2, 3, 4, 5.
    // R (recency desc, then frequency asc, monetary asc, key): k6 485, k5 120, k4 11 (F1) before
    //   k3 11 (F2), k2 1 (F1) before k1 1 (F3): k6 1, k5 1, k4 2, k3 3, k2 4, k1 5.
    // F (frequency asc, then recency desc): k6 0, k4 1 (R 11) before k2 1 (R 1), k5 2 (R 120)
    //   before k3 2 (R 11), k1 3: k6 1, k4 1, k2 2, k5 3, k3 4, k1 5.
    // M (monetary asc, then frequency asc): k6 0, k2 40, k4 100 (F1) before k3 100 (F2), k1 200,
    //   k5 310: k6 1, k2 1, k4 2, k3 3, k1 4, k5 5.
    // Segments on (R, F): k1 (5, 5) Champions; k2 (4, 2) Potential loyalists; k3 (3, 4) Loyal;
    //   k4 (2, 1) Hibernating; k5 (1, 3) At risk; k6 (1, 1) Hibernating.
    assertSameRows(
        rows(
            SCORES,
            new Object[] {"k1", 5, 5, 4, Rfm.CHAMPIONS},
            new Object[] {"k2", 4, 2, 1, Rfm.POTENTIAL_LOYALISTS},
            new Object[] {"k3", 3, 4, 3, Rfm.LOYAL},
            new Object[] {"k4", 2, 1, 2, Rfm.HIBERNATING},
            new Object[] {"k5", 1, 3, 5, Rfm.AT_RISK},
            new Object[] {"k6", 1, 1, 1, Rfm.HIBERNATING}),
        Rfm.scored(Rfm.measures(conversions(), asOf("2026-03-31"), 365))
            .select(
                col("customer_key"),
                col("rfm_recency_score"),
                col("rfm_frequency_score"),
                col("rfm_monetary_score"),
                col("rfm_segment")));
  }

  @Test
  void everyScorePairHasOneSegment() {
    // The R x F grid of docs/loyalty.md, row by row (R 1..5, F 1..5).
    String[][] grid = {
      {"Hibernating", "Hibernating", "At risk", "At risk", "Cannot lose them"},
      {"Hibernating", "Hibernating", "At risk", "At risk", "Cannot lose them"},
      {"About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"},
      {"Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"},
      {"New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"}
    };
    StructType pairs =
        new StructType()
            .add("r", DataTypes.IntegerType)
            .add("f", DataTypes.IntegerType)
            .add("segment", DataTypes.StringType);
    List<Object[]> expected = new ArrayList<>();
    List<Object[]> scores = new ArrayList<>();
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        expected.add(new Object[] {r, f, grid[r - 1][f - 1]});
        scores.add(new Object[] {r, f, null});
      }
    }
    Dataset<Row> actual =
        rows(pairs, scores.toArray(Object[][]::new))
            .withColumn("segment", Rfm.segment(col("r"), col("f")));
    assertSameRows(rows(pairs, expected.toArray(Object[][]::new)), actual);
  }

  static Dataset<Row> asOf(String... dates) {
    StructType schema = new StructType().add("as_of_date", DataTypes.DateType);
    return rows(
        schema,
        java.util.Arrays.stream(dates).map(d -> new Object[] {day(d)}).toArray(Object[][]::new));
  }

  private static Dataset<Row> conversions() {
    return frame(
        SilverTables.CONVERSIONS,
        List.of(
            SilverRows.conversion("o1", "k1", "2026-02-01T10:00:00Z", "50.00", 1),
            SilverRows.conversion("o2", "k1", "2026-03-01T10:00:00Z", "50.00", 2),
            SilverRows.conversion("o3", "k1", "2026-03-30T10:00:00Z", "100.00", 3),
            SilverRows.conversion("o4", "k2", "2026-03-30T11:00:00Z", "40.00", 1),
            SilverRows.conversion("o5", "k3", "2026-01-10T10:00:00Z", "20.00", 1),
            SilverRows.conversion("o6", "k3", "2026-03-20T10:00:00Z", "80.00", 2),
            SilverRows.conversion("o7", "k4", "2026-03-20T12:00:00Z", "100.00", 1),
            SilverRows.conversion("o8", "k5", "2025-11-01T10:00:00Z", "10.00", 1),
            SilverRows.conversion("o9", "k5", "2025-12-01T10:00:00Z", "300.00", 2),
            SilverRows.conversion("o10", "k6", "2024-12-01T10:00:00Z", "70.00", 1)));
  }

  private static Object[] measure(
      String key,
      String first,
      String last,
      long orders,
      int recency,
      long frequency,
      String monetary) {
    return new Object[] {key, day(first), day(last), orders, recency, frequency, money(monetary)};
  }
}
