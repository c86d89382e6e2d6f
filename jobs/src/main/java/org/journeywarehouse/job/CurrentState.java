package org.journeywarehouse.job;

import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.TableDefinition;

/**
 * Current-state marts (customer_stages, customer_360, cohorts, loyalty) describe the latest
 * processed date, held in their {@code as_of_date} column (DESIGN.md, Tables): a run rebuilds
 * such a table as of its last logical date, unless the table already describes a later date. So
 * a backfill of last month after tonight's run leaves tonight's state alone, and a rerun of
 * tonight rebuilds it the same.
 */
public final class CurrentState {
  /** The column every current-state table carries. */
  public static final String AS_OF_DATE = "as_of_date";

  private CurrentState() {}

  /**
   * The date the table describes: the largest {@code as_of_date}, or empty when the table does
   * not exist yet or has no rows.
   */
  public static Optional<LocalDate> storedAsOf(JobContext context, TableDefinition table) {
    requireAsOfColumn(table);
    String location = context.tables().location(table);
    if (!DeltaTable.isDeltaTable(context.spark(), location)) {
      return Optional.empty();
    }
    Row row = context.tables().read(table).agg(max(AS_OF_DATE)).first(); // one value
    return row.isNullAt(0) ? Optional.empty() : Optional.of(row.getDate(0).toLocalDate());
  }

  /**
   * Whether a run as of {@code context.to()} may rebuild {@code table}: not when the table
   * describes a later date, in which case a progress line says so.
   */
  public static boolean mayRebuild(JobContext context, String job, TableDefinition table) {
    Optional<LocalDate> stored = storedAsOf(context, table);
    if (stored.isPresent() && stored.get().isAfter(context.to())) {
      context.progress().accept(
          "%s: kept %s as of %s, newer than %s (current state is never rolled back)"
              .formatted(job, context.tables().qualifiedName(table), stored.get(), context.to()));
      return false;
    }
    return true;
  }

  /** The result of a run that kept the newer state. */
  public static JobResult kept(JobContext context, TableDefinition table) {
    return new JobResult(0, 0, 0, 0, 0,
        "kept " + context.tables().qualifiedName(table) + ": it describes a later date");
  }

  private static void requireAsOfColumn(TableDefinition table) {
    if (!java.util.Arrays.asList(table.schema().fieldNames()).contains(AS_OF_DATE)) {
      throw new IllegalArgumentException(table.id().name() + " has no " + AS_OF_DATE + " column");
    }
  }
}
