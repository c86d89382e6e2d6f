package org.journeywarehouse.catalog;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * What users rely on for one table: its grain, key, columns with comments, partitioning, the
 * date column a job's logical date replaces and how a run refreshes it.
 *
 * @param sliceColumn the date column a run replaces ({@code replaceWhere}); null for tables
 *     that are appended to (run logs), merged (identity state) or rebuilt whole
 */
public record TableDefinition(
    TableId id,
    String comment,
    String grain,
    List<String> primaryKey,
    StructType schema,
    List<String> partitionColumns,
    String sliceColumn,
    Refresh refresh) {

  /** How a run changes the table; the data dictionary states it for every table. */
  public enum Refresh {
    /** Rows are appended and never replaced (run logs). */
    APPEND_LOG("no, rows are appended (a log)"),
    /** The slice column's range of the run is replaced. */
    DATE_SLICE("the slice column's range of the run"),
    /** Current state, changed row by row with Delta MERGE; reruns change nothing more. */
    MERGED_STATE("merged row by row (current state; a rerun changes nothing more)"),
    /** Current state, rewritten whole by every run from its inputs. */
    REBUILT("rewritten whole each run (current state)");

    private final String description;

    Refresh(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  public TableDefinition {
    primaryKey = List.copyOf(primaryKey);
    partitionColumns = List.copyOf(partitionColumns);
    for (String column : primaryKey) {
      schema.apply(column); // fails fast on a key column that is not in the schema
    }
    if (sliceColumn != null) {
      schema.apply(sliceColumn);
    }
    if ((sliceColumn != null) != (refresh == Refresh.DATE_SLICE)) {
      throw new IllegalArgumentException(
          id.name() + ": a slice column goes with DATE_SLICE refresh and only with it");
    }
  }

  /** A table replaced per date slice, or a log when {@code sliceColumn} is null. */
  public TableDefinition(
      TableId id,
      String comment,
      String grain,
      List<String> primaryKey,
      StructType schema,
      List<String> partitionColumns,
      String sliceColumn) {
    this(id, comment, grain, primaryKey, schema, partitionColumns, sliceColumn,
        sliceColumn == null ? Refresh.APPEND_LOG : Refresh.DATE_SLICE);
  }
}
