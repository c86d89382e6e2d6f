package org.journeywarehouse.marts.loyalty;

import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.money;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.testing.DataFrames;

/**
 * Expected rows written as a text table, one {@code |}-separated line a row, read in the types of
 * {@code schema}: wide mart rows stay one line each and line up with their derivations.
 */
final class TextRows {
  private TextRows() {}

  /** The rows; {@code null} is a null of any type. */
  static Dataset<Row> table(StructType schema, String... lines) {
    Object[][] rows =
        Arrays.stream(lines).map(line -> values(schema, line)).toArray(Object[][]::new);
    return DataFrames.rows(schema, rows);
  }

  private static Object[] values(StructType schema, String line) {
    String[] cells = line.split("\\|", -1);
    if (cells.length != schema.size()) {
      throw new IllegalArgumentException(
          "%d cells for %d columns in: %s".formatted(cells.length, schema.size(), line));
    }
    Object[] values = new Object[cells.length];
    for (int i = 0; i < cells.length; i++) {
      values[i] = value(schema.fields()[i].dataType(), cells[i].strip());
    }
    return values;
  }

  private static Object value(DataType type, String text) {
    if (text.equals("null")) {
      return null;
    }
    if (type instanceof DecimalType) {
      return money(text);
    }
    if (type.equals(DataTypes.DateType)) {
      return day(text);
    }
    if (type.equals(DataTypes.LongType)) {
      return Long.parseLong(text);
    }
    if (type.equals(DataTypes.IntegerType)) {
      return Integer.parseInt(text);
    }
    if (type.equals(DataTypes.DoubleType)) {
      return Double.parseDouble(text);
    }
    if (type.equals(DataTypes.BooleanType)) {
      return Boolean.parseBoolean(text);
    }
    return text;
  }
}
