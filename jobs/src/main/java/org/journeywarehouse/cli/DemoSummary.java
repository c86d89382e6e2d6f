package org.journeywarehouse.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.io.DeltaTables;

/** The demo's closing report: rows per table and quarantined rows by source and reason. */
final class DemoSummary {
  private final SparkSession spark;
  private final DeltaTables tables;

  DemoSummary(SparkSession spark, DeltaTables tables) {
    this.spark = spark;
    this.tables = tables;
  }

  void print(List<TableDefinition> outputs, LocalDate from, LocalDate to) {
    System.out.printf("%nRows per table%n");
    for (TableDefinition table : outputs) {
      long rows =
          spark
              .sql("SELECT count(*) FROM IDENTIFIER(:t)", Map.of("t", tables.qualifiedName(table)))
              .first()
              .getLong(0);
      System.out.printf("  %-34s %,10d%n", tables.qualifiedName(table), rows);
    }
    List<Row> reasons =
        tables
            .read(BronzeTables.QUARANTINE)
            .where(col("landing_date").between(lit(from.toString()).cast("date"), lit(to.toString()).cast("date")))
            .groupBy("source", "reason")
            .agg(count(lit(1)).as("rows"))
            .orderBy("source", "reason")
            .collectAsList(); // a handful of (source, reason) rows
    System.out.printf("%nQuarantined rows by source and reason%n");
    for (Row row : reasons) {
      System.out.printf("  %-18s %-26s %,8d%n", row.getString(0), row.getString(1), row.getLong(2));
    }
  }
}
