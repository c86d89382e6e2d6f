package org.journeywarehouse.catalog;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * What users rely on for one table: its grain, key, columns with comments, partitioning and
 * the date column a job's logical date replaces.
 *
 * @param sliceColumn the date column a run replaces ({@code replaceWhere}); null for tables
 *     that are appended to (run logs) or rebuilt whole
 */
public record TableDefinition(
    TableId id,
    String comment,
    String grain,
    List<String> primaryKey,
    StructType schema,
    List<String> partitionColumns,
    String sliceColumn) {

  public TableDefinition {
    primaryKey = List.copyOf(primaryKey);
    partitionColumns = List.copyOf(partitionColumns);
    for (String column : primaryKey) {
      schema.apply(column); // fails fast on a key column that is not in the schema
    }
    if (sliceColumn != null) {
      schema.apply(sliceColumn);
    }
  }
}
