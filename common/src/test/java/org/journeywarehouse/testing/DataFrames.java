package org.journeywarehouse.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Small inline frames and spark-testing-base's equality asserts, for JUnit 5 tests. */
public final class DataFrames {
  /** Its assert methods only compare the frames given; its own session is never started. */
  private static final JavaDataFrameSuiteBase ASSERTS = new JavaDataFrameSuiteBase();

  private DataFrames() {}

  public static Dataset<Row> rows(StructType schema, Object[]... rows) {
    List<Row> list = Arrays.stream(rows).map(RowFactory::create).toList();
    return TestSpark.session().createDataFrame(list, schema);
  }

  /**
   * Same schema and same rows, in any order. spark-testing-base decides; when it says no, the
   * message shows what differs (its own assertion carries none).
   */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    try {
      ASSERTS.assertSmallDataFrameDataEquals(expected, actual);
    } catch (AssertionError e) {
      throw new AssertionError(difference(expected, actual), e);
    }
  }

  /** Schemas if they differ, else the rows only one side has (with multiplicity). */
  static String difference(Dataset<Row> expected, Dataset<Row> actual) {
    if (!expected.schema().equals(actual.schema())) {
      return "schemas differ:\n  expected " + describe(expected.schema())
          + "\n  actual   " + describe(actual.schema());
    }
    List<String> missing = new java.util.ArrayList<>(texts(expected));
    List<String> unexpected = new java.util.ArrayList<>(texts(actual));
    for (String row : texts(expected)) {
      if (unexpected.remove(row)) {
        missing.remove(row);
      }
    }
    return "rows differ (" + expected.count() + " expected, " + actual.count() + " actual)"
        + "\n  missing:\n    " + String.join("\n    ", missing)
        + "\n  unexpected:\n    " + String.join("\n    ", unexpected);
  }

  /** name:type, with "not null" where the column is not nullable (simpleString hides it). */
  private static String describe(StructType schema) {
    return java.util.Arrays.stream(schema.fields())
        .map(f -> f.name() + ":" + f.dataType().simpleString() + (f.nullable() ? "" : " not null"))
        .collect(java.util.stream.Collectors.joining(", ", "<", ">"));
  }

  private static List<String> texts(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /**
   * Same rows in any order, doubles within a tolerance. Rows are sorted by every column, left to
   * right, before they are compared: put the key columns (strings, dates) first. Columns
   * compare by name, type and value; whether Spark marks them nullable does not matter here.
   */
  public static void assertSameRowsApproximately(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    Dataset<Row> sortedExpected = nullable(expected.orderBy(expected.columns()[0], expected.columns()));
    Dataset<Row> sortedActual = nullable(actual.orderBy(actual.columns()[0], actual.columns()));
    try {
      ASSERTS.assertDataFrameApproximateEquals(sortedExpected, sortedActual, tolerance);
    } catch (AssertionError | RuntimeException e) {
      // On a mismatch spark-testing-base reaches for a session of its own (never started here)
      // and fails with a NullPointerException: say what differs instead.
      throw new AssertionError(
          "rows differ beyond " + tolerance + ":\n  expected\n    "
              + String.join("\n    ", texts(sortedExpected)) + "\n  actual\n    "
              + String.join("\n    ", texts(sortedActual)),
          e);
    }
  }

  private static Dataset<Row> nullable(Dataset<Row> frame) {
    StructType schema = new StructType();
    for (StructField field : frame.schema().fields()) {
      schema = schema.add(field.name(), field.dataType(), true);
    }
    return frame.sparkSession().createDataFrame(frame.collectAsList(), schema);
  }
}
