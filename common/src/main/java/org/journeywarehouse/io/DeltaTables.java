package org.journeywarehouse.io;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.spark.SparkSessions;

/**
 * Creates tables from their definitions and writes date slices. Every write for a logical date
 * replaces exactly that slice ({@code replaceWhere}), so reruns and retries never double count.
 */
public final class DeltaTables {
  private final SparkSession spark;
  private final JourneySettings settings;

  public DeltaTables(SparkSession spark, JourneySettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** Creates the database and the table (with comments and grain) unless they exist. */
  public void ensure(TableDefinition table) {
    // A catalog lookup is cheap; Delta's CREATE ... IF NOT EXISTS reads the whole table log.
    if (spark.catalog().tableExists(qualifiedName(table))) {
      return;
    }
    String database = table.id().layer().database(settings.catalog());
    if (!spark.catalog().databaseExists(database)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS IDENTIFIER(:db)", Map.of("db", database));
    }
    DeltaTableBuilder builder =
        DeltaTable.createIfNotExists(spark)
            .tableName(qualifiedName(table))
            .location(location(table))
            .comment(table.comment())
            .property("journey.grain", table.grain())
            .property("journey.primary_key", String.join(",", table.primaryKey()));
    if (table.refresh() == TableDefinition.Refresh.MERGED_STATE) {
      // Changed row by row each night: a MERGE then marks replaced rows in a deletion vector
      // instead of rewriting every file that holds one.
      builder = builder.property("delta.enableDeletionVectors", "true");
    }
    for (StructField field : table.schema().fields()) {
      builder = builder.addColumn(field);
    }
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
    }
    try {
      builder.execute();
    } catch (RuntimeException e) {
      // Bronze jobs run in parallel under Airflow and share the quarantine table: on the very
      // first night two may race to create it. Losing that race is fine; anything else is not.
      if (!spark.catalog().tableExists(qualifiedName(table))) {
        throw e;
      }
    }
  }

  public SparkSession spark() {
    return spark;
  }

  public Dataset<Row> read(TableDefinition table) {
    return spark.read().format("delta").load(location(table));
  }

  /**
   * The table as of its current version, pinned: later writes by the same job do not change
   * what this Dataset reads, however late Spark evaluates it.
   */
  public Dataset<Row> readPinned(TableDefinition table) {
    long version = DeltaTable.forPath(spark, location(table)).history(1).select("version").first().getLong(0);
    return spark.read().format("delta").option("versionAsOf", version).load(location(table));
  }

  /**
   * Replaces the rows of {@code table} whose slice column lies in [from, to] with {@code rows}.
   * Delta rejects rows outside the range, a guard against writing the wrong day.
   *
   * @param extraPredicate narrows the slice further for shared tables (quarantine: one source)
   */
  public void replaceSlice(
      TableDefinition table,
      Dataset<Row> rows,
      LocalDate from,
      LocalDate to,
      Column extraPredicate,
      String commitNote) {
    if (table.sliceColumn() == null) {
      throw new IllegalArgumentException(table.id().name() + " has no date slice to replace");
    }
    String predicate = slicePredicate(table.sliceColumn(), from, to, extraPredicate);
    Dataset<Row> aligned = aligned(table, rows);
    if (!table.partitionColumns().isEmpty()) {
      // One file per partition value rather than one per task and value: no small files.
      aligned = aligned.repartition(table.partitionColumns().stream().map(aligned::col).toArray(Column[]::new));
    }
    aligned
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate)
        .option("userMetadata", commitNote)
        .save(location(table));
  }

  /**
   * Replaces the rows of {@code table} matching {@code predicate}, for shared tables whose part
   * belongs to one job whatever the dates (quarantine rows of the conversions job). The
   * predicate is a typed Column, so no user text is spliced into it.
   */
  public void replaceMatching(TableDefinition table, Dataset<Row> rows, Column predicate, String commitNote) {
    aligned(table, rows)
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", predicate.expr().sql())
        .option("userMetadata", commitNote)
        .save(location(table));
  }

  /** Rewrites a current-state table whole, in one commit (readers see the old or the new). */
  public void replaceAll(TableDefinition table, Dataset<Row> rows, String commitNote) {
    Dataset<Row> aligned = aligned(table, rows);
    if (!table.partitionColumns().isEmpty()) {
      aligned = aligned.repartition(table.partitionColumns().stream().map(aligned::col).toArray(Column[]::new));
    }
    aligned.write().format("delta").mode("overwrite").option("userMetadata", commitNote).save(location(table));
  }

  /**
   * Runs a MERGE, UPDATE or DELETE with {@code note} in its Delta commit, as {@code userMetadata}
   * does for DataFrame writes: those APIs take no option, so the note goes through the session
   * conf for the one write, and any value set before is put back.
   */
  public void withCommitNote(String note, Runnable write) {
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    java.util.Optional<String> previous = java.util.Optional.ofNullable(spark.conf().get(key, null));
    spark.conf().set(key, note);
    try {
      write.run();
    } finally {
      previous.ifPresentOrElse(p -> spark.conf().set(key, p), () -> spark.conf().unset(key));
    }
  }

  /** The table for MERGE, UPDATE and DELETE (identity state). */
  public DeltaTable delta(TableDefinition table) {
    return DeltaTable.forPath(spark, location(table));
  }

  /** The rows of {@code rows} in the table's column order and types, ready for a MERGE source. */
  public static Dataset<Row> alignedTo(TableDefinition table, Dataset<Row> rows) {
    return aligned(table, rows);
  }

  /** Adds rows to a log table (job runs, quality results), which is never replaced. */
  public void appendLog(TableDefinition table, Dataset<Row> rows) {
    aligned(table, rows).write().format("delta").mode("append").save(location(table));
  }

  public String qualifiedName(TableDefinition table) {
    return table.id().qualifiedName(settings.catalog());
  }

  public String location(TableDefinition table) {
    return SparkSessions.warehouseUri(settings.paths().warehouse())
        + "/"
        + table.id().layer().database(settings.catalog())
        + "/"
        + table.id().name();
  }

  /**
   * The replaceWhere text. Only typed values go in: the slice column comes from a table
   * definition and the dates are {@link LocalDate}s, so nothing a user typed is spliced in.
   */
  static String slicePredicate(String column, LocalDate from, LocalDate to, Column extra) {
    String range = "%s >= DATE'%s' AND %s <= DATE'%s'".formatted(column, from, column, to);
    return extra == null ? range : range + " AND " + extra.expr().sql();
  }

  /** Column order and types of the table, so a pure function's output lands where it should. */
  private static Dataset<Row> aligned(TableDefinition table, Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(table.schema().fields())
            .map(f -> rows.col(f.name()).cast(f.dataType()).as(f.name()))
            .toArray(Column[]::new);
    return rows.select(columns);
  }
}
