package org.journeywarehouse.testing;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.journeywarehouse.catalog.TableDefinition;

/** Hand-built rows of a catalog table: name the columns that matter, the rest are null. */
public final class TableRows {
  private TableRows() {}

  /** A row of {@code table} from name/value pairs; an unknown column name fails the test. */
  public static Row row(TableDefinition table, Object... namesAndValues) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      table.schema().apply(name); // fails on a typo
      values.put(name, namesAndValues[i + 1]);
    }
    return RowFactory.create(
        Arrays.stream(table.schema().fieldNames()).map(values::get).toArray());
  }

  /** The rows as a frame with the table's schema. */
  public static Dataset<Row> frame(TableDefinition table, List<Row> rows) {
    return TestSpark.session().createDataFrame(rows, table.schema());
  }

  public static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  public static Date day(String date) {
    return Date.valueOf(LocalDate.parse(date));
  }

  public static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }
}
