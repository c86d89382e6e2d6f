package org.journeywarehouse.marts.voice;

import java.sql.Date;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.testing.DataFrames;

/**
 * Expected rows written as text, one comma-separated line per row in the schema's column order
 * ({@code "detail, email, shipping, 2, 15.0, null"}) under a header line naming the columns for the
 * reader: wide tables stay readable. Values are trimmed; {@code null} is null; longs, doubles,
 * booleans and ISO dates are parsed by column type.
 */
final class TextRows {
  private TextRows() {}

  /** The rows; the header only has to name as many columns as the schema has. */
  static Dataset<Row> rows(StructType schema, String header, String... lines) {
    if (header.split(",", -1).length != schema.size()) {
      throw new IllegalArgumentException("the header does not name " + schema.size() + " columns");
    }
    Object[][] rows =
        Arrays.stream(lines).map(line -> parse(schema, line)).toArray(Object[][]::new);
    return DataFrames.rows(schema, rows);
  }

  private static Object[] parse(StructType schema, String line) {
    String[] values = line.split(",", -1);
    if (values.length != schema.size()) {
      throw new IllegalArgumentException(
          "expected %d values, got %d: %s".formatted(schema.size(), values.length, line));
    }
    Object[] row = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      row[i] = value(schema.fields()[i].dataType(), values[i].trim());
    }
    return row;
  }

  private static Object value(DataType type, String text) {
    if (text.equals("null")) {
      return null;
    }
    if (type.equals(DataTypes.LongType)) {
      return Long.parseLong(text);
    }
    if (type.equals(DataTypes.DoubleType)) {
      return Double.parseDouble(text);
    }
    if (type.equals(DataTypes.BooleanType)) {
      return Boolean.parseBoolean(text);
    }
    if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(text);
    }
    return text;
  }
}
