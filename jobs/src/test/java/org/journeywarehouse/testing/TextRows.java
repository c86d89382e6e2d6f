package org.journeywarehouse.testing;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * Expected rows written as text, one line a row in the schema's column order, read in the schema's
 * types: wide mart rows stay one line each and line up with their derivations. Cells are trimmed;
 * {@code null} is a null of any type; numbers, booleans, ISO dates and decimals are parsed by
 * column type.
 */
public final class TextRows {
  private TextRows() {}

  /** Rows with {@code |} between cells. */
  public static Dataset<Row> table(StructType schema, String... lines) {
    return DataFrames.rows(schema, parse(schema, "\\|", lines));
  }

  /**
   * Rows with {@code ,} between cells, under a header line naming the columns for the reader (it
   * must name as many as the schema has).
   */
  public static Dataset<Row> rows(StructType schema, String header, String... lines) {
    if (header.split(",", -1).length != schema.size()) {
      throw new IllegalArgumentException("the header does not name " + schema.size() + " columns");
    }
    return DataFrames.rows(schema, parse(schema, ",", lines));
  }

  private static Object[][] parse(StructType schema, String separator, String[] lines) {
    return Arrays.stream(lines)
        .map(line -> values(schema, separator, line))
        .toArray(Object[][]::new);
  }

  private static Object[] values(StructType schema, String separator, String line) {
    String[] cells = line.split(separator, -1);
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
      return new BigDecimal(text);
    }
    if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(text);
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
