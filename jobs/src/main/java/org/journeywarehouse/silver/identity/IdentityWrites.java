package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaMergeBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.io.DeltaTables;

/**
 * The identity tables' MERGE statements. Each one changes only rows whose content differs, so
 * a rerun of a night commits no changed row, and each is one Delta transaction.
 */
final class IdentityWrites {
  private static final String DELETE = "_delete";

  private IdentityWrites() {}

  /** Replaces the observations of the night's records: new rows in, superseded rows out. */
  static void mergeObservations(
      DeltaTables tables, Dataset<Row> upserts, Dataset<Row> deletes, String note) {
    TableDefinition table = SilverTables.IDENTITY_OBSERVATIONS;
    Dataset<Row> source = flagged(table, upserts, deletes);
    merge(tables, table, source, List.of("source", "record_id", "identifier_type", "identifier"),
        note);
  }

  /** Writes the scope's map rows (changed ones only) and deletes identifiers that vanished. */
  static void mergeMap(DeltaTables tables, Dataset<Row> rows, Dataset<Row> vanished, String note) {
    TableDefinition table = SilverTables.IDENTITY_MAP;
    Dataset<Row> changed = rows.where(col("is_changed"));
    merge(tables, table, flagged(table, changed, vanished),
        List.of("identifier_type", "identifier"), note);
  }

  /** Refusals of the scope: new and changed ones written, lifted ones deleted. */
  static void mergeGuarded(
      DeltaTables tables, Dataset<Row> rows, Dataset<Row> previous, String note) {
    TableDefinition table = SilverTables.IDENTITY_GUARDED;
    List<String> key = List.of("identifier_type", "identifier", "linked_type");
    Dataset<Row> lifted = previous.join(rows, key.toArray(String[]::new), "left_anti");
    Dataset<Row> changed =
        rows.join(previous.select(col("identifier_type"), col("identifier"), col("linked_type"),
                    col("linked_count").as("prev_count"), col("reason").as("prev_reason")),
                key.toArray(String[]::new), "left")
            .where(col("prev_count").eqNullSafe(col("linked_count"))
                .and(col("prev_reason").eqNullSafe(col("reason"))).unary_$bang());
    merge(tables, table, flagged(table, changed, lifted), key, note);
  }

  /** Adds the run's key changes unless the same change is already recorded (a rerun). */
  static void appendChanges(DeltaTables tables, Dataset<Row> changes, String note) {
    TableDefinition table = SilverTables.IDENTITY_MERGES;
    Dataset<Row> source = DeltaTables.alignedTo(table, changes);
    String on =
        "t.change_date = s.change_date AND t.change_type = s.change_type"
            + " AND t.customer_key = s.customer_key AND t.other_key <=> s.other_key";
    tables.withCommitNote(note, () ->
        tables.delta(table).as("t").merge(source.as("s"), on)
            .whenNotMatched().insertExpr(assignments(table))
            .execute());
  }

  /** The table's columns from {@code upserts}, plus {@code deletes} flagged for removal. */
  private static Dataset<Row> flagged(
      TableDefinition table, Dataset<Row> upserts, Dataset<Row> deletes) {
    Dataset<Row> kept = DeltaTables.alignedTo(table, upserts).withColumn(DELETE, lit(false));
    Dataset<Row> removed = DeltaTables.alignedTo(table, deletes).withColumn(DELETE, lit(true));
    return kept.union(removed);
  }

  private static void merge(DeltaTables tables, TableDefinition table, Dataset<Row> source,
      List<String> key, String note) {
    String on = String.join(" AND ", key.stream().map(c -> "t." + c + " = s." + c).toList());
    tables.withCommitNote(note, () -> {
      DeltaMergeBuilder merge =
          tables.delta(table).as("t").merge(source.as("s"), on)
              .whenMatched(expr("s." + DELETE)).delete()
              .whenMatched().updateExpr(assignments(table))
              .whenNotMatched(expr("NOT s." + DELETE)).insertExpr(assignments(table));
      merge.execute();
    });
  }

  /** column -> s.column for every column of the table: the MERGE's SET and VALUES lists. */
  private static Map<String, String> assignments(TableDefinition table) {
    Map<String, String> set = new LinkedHashMap<>();
    Arrays.stream(table.schema().fields()).map(StructField::name)
        .forEach(c -> set.put(c, "s." + c));
    return set;
  }
}
