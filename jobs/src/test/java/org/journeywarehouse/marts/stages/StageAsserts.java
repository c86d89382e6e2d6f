package org.journeywarehouse.marts.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Row-by-row comparisons that name the row and column that differ. */
final class StageAsserts {
  /** Doubles are fractional days and rates: equal to 1e-9. */
  static final double TOLERANCE = 1e-9;

  private StageAsserts() {}

  /**
   * {@code actual}'s rows, in its order, equal {@code expected}, value by value; doubles within
   * {@link #TOLERANCE}.
   */
  static void assertRows(Dataset<Row> actual, List<Object[]> expected) {
    String[] columns = actual.columns();
    List<Row> rows = actual.collectAsList();
    assertThat(rows).as("rows of " + Arrays.toString(columns)).hasSize(expected.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] want = expected.get(r);
      assertThat(want).as("expected row %d", r).hasSize(columns.length);
      for (int c = 0; c < columns.length; c++) {
        Object got = rows.get(r).get(c);
        String where = "row %d %s, actual row %s".formatted(r, columns[c], rows.get(r));
        if (want[c] instanceof Double d && got instanceof Double g) {
          assertThat(g).as(where).isCloseTo(d, within(TOLERANCE));
        } else {
          assertThat(got).as(where).isEqualTo(want[c]);
        }
      }
    }
  }

  static void assertRow(Dataset<Row> actual, Object... expected) {
    assertRows(actual, List.<Object[]>of(expected));
  }
}
