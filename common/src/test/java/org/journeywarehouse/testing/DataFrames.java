package org.journeywarehouse.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

  /** Same schema and same rows, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    ASSERTS.assertSmallDataFrameDataEquals(expected, actual);
  }

  /** Same rows in any order, doubles within a tolerance. */
  public static void assertSameRowsApproximately(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    ASSERTS.assertDataFrameApproximateEquals(expected.orderBy(expected.columns()[0]), actual.orderBy(actual.columns()[0]), tolerance);
  }
}
