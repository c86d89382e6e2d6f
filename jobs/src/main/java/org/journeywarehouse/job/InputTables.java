package org.journeywarehouse.job;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.TableDefinition;

/** Reads a job's input tables, failing with one clear line when a producer has not run yet. */
public final class InputTables {
  private InputTables() {}

  /**
   * The table's rows; a {@link JobFailedException} naming the job to run first when the table
   * does not exist, rather than Spark's "path does not exist".
   */
  public static Dataset<Row> read(JobContext context, String job, TableDefinition table, String producer) {
    String location = context.tables().location(table);
    if (!DeltaTable.isDeltaTable(context.spark(), location)) {
      throw new JobFailedException(
          "Cannot run %s for %s: input %s does not exist yet (run %s first)"
              .formatted(job, context.dateLabel(), context.tables().qualifiedName(table), producer));
    }
    return context.tables().read(table);
  }
}
