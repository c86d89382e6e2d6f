package org.journeywarehouse.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.journeywarehouse.catalog.Columns.column;
import static org.journeywarehouse.catalog.Columns.required;
import static org.journeywarehouse.catalog.Columns.schema;

import java.util.List;

/** Operational logs: one row per job run and per quality check; appended, never replaced. */
public final class OpsTables {
  public static final TableDefinition JOB_RUNS =
      new TableDefinition(
          new TableId(Layer.OPS, "job_runs"),
          "One row per job run: dates, status, duration and the row ledger.",
          "run_id x job",
          List.of("run_id", "job"),
          schema(
              required("run_id", StringType, "Id shared by the jobs of one command."),
              required("job", StringType, "Job name from the catalog."),
              required("date_from", DateType, "First logical date of the run."),
              required("date_to", DateType, "Last logical date of the run (= date_from nightly)."),
              required("started_at", TimestampType, "Start (UTC)."),
              column("ended_at", TimestampType, "End (UTC)."),
              column("duration_seconds", DoubleType, "Wall-clock seconds."),
              required("status", StringType, "succeeded or failed."),
              column("rows_read", LongType, "Rows (landing lines) read."),
              column("rows_written", LongType, "Rows written to the job's main output."),
              column("rows_quarantined", LongType, "Rows sent to quarantine."),
              column("rows_deduplicated", LongType, "Rows dropped as duplicates."),
              column("rows_blank", LongType, "Blank landing lines (counted apart)."),
              column("message", StringType, "Error message or note; never row contents."),
              column("env", StringType, "Settings environment."),
              column("version", StringType, "journey-warehouse version.")),
          List.of(),
          null);

  public static final TableDefinition QUALITY_RESULTS =
      new TableDefinition(
          new TableId(Layer.OPS, "quality_results"),
          "One row per quality check per run: what was checked, the observed value, passed.",
          "run_id x check_name x table_name x check_date",
          List.of("run_id", "check_name", "table_name", "check_date"),
          schema(
              required("run_id", StringType, "Run that made the check."),
              required("job", StringType, "Job that made the check."),
              required("check_name", StringType, "e.g. row_ledger, max_quarantine_share."),
              required("table_name", StringType, "Table the check is about."),
              required("check_date", DateType, "Logical date checked."),
              required("passed", BooleanType, "Whether the check passed."),
              column("observed", StringType, "What was observed (counts, never values)."),
              required("checked_at", TimestampType, "When (UTC).")),
          List.of(),
          null);

  public static final List<TableDefinition> ALL = List.of(JOB_RUNS, QUALITY_RESULTS);

  private OpsTables() {}
}
