package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.generate.GeneratorOptions;
import org.journeywarehouse.generate.SampleDataGenerator;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.io.LandingFiles;
import org.journeywarehouse.job.JobCatalog;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.testing.GroundTruth;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated landing data with planted dirt, loaded through every bronze job as one backfill:
 * the quarantine must hold exactly what the generator planted, per source, day and reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BronzeIngestionTest {
  private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
  private static final LocalDate TO = LocalDate.of(2026, 11, 4);

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;
  private GroundTruth truth;
  private Path landing;

  @BeforeAll
  void generateAndLoad() throws IOException {
    spark = TestSpark.session();
    landing = TestSpark.temporaryFolder("landing");
    SampleDataGenerator.generate(new GeneratorOptions(0.003, 4, FROM, 7L, landing, 0.05), line -> {});
    truth = GroundTruth.read(landing);
    settings = TestSpark.isolatedSettings("ingest", landing);
    tables = new DeltaTables(spark, settings);
    executor().run(bronzeJobs(), FROM, TO);
  }

  @Test
  void quarantineHoldsExactlyThePlantedDirtPerSourceDayAndReason() {
    Map<String, Long> actual = new TreeMap<>();
    tables.read(BronzeTables.QUARANTINE)
        .groupBy(concat_ws("|", col("source"), col("landing_date").cast("string"), col("reason")))
        .agg(count(lit(1)))
        .collectAsList() // one row per (source, day, reason): a few dozen
        .forEach(r -> actual.put(r.getString(0), r.getLong(1)));
    assertThat(actual).isNotEmpty().isEqualTo(truth.quarantinedBySourceDayReason());
  }

  @Test
  void ledgerBalancesForEverySourceAndDay() {
    // Per (source, day): rows kept in bronze must equal the generator's count of distinct
    // clean keys, and lines = kept + quarantined + duplicates + blank must hold in job_runs.
    Map<String, Long> kept = new TreeMap<>();
    for (TableDefinition table :
        List.of(BronzeTables.WEB_EVENTS, BronzeTables.ORDERS, BronzeTables.SUPPORT_TICKETS,
            BronzeTables.SURVEY_RESPONSES, BronzeTables.FX_RATES)) {
      tables.read(table)
          .groupBy(col("landing_date").cast("string"))
          .agg(count(lit(1)))
          .collectAsList()
          .forEach(r -> kept.put(table.id().name() + "|" + r.getString(0), r.getLong(1)));
    }
    Map<String, Long> expected = new TreeMap<>(truth.perDay("rows_kept"));
    expected.values().removeIf(v -> v == 0);
    assertThat(kept).isEqualTo(expected);

    // Every successful run of the five jobs (the first load, and a rerun if one happened first).
    List<Row> runs =
        tables.read(OpsTables.JOB_RUNS)
            .where(col("status").equalTo("succeeded"))
            .groupBy("run_id")
            .agg(sum("rows_read"), sum("rows_written"), sum("rows_quarantined"), sum("rows_deduplicated"), sum("rows_blank"))
            .collectAsList();
    assertThat(runs).isNotEmpty();
    long lines = truth.perDay("lines").values().stream().mapToLong(Long::longValue).sum();
    long duplicates = truth.perDay("duplicates").values().stream().mapToLong(Long::longValue).sum();
    long blank = truth.perDay("blank_lines").values().stream().mapToLong(Long::longValue).sum();
    long quarantined = truth.quarantinedBySourceDayReason().values().stream().mapToLong(Long::longValue).sum();
    for (Row run : runs) {
      assertThat(run.getLong(1)).isEqualTo(lines);
      assertThat(run.getLong(3)).isEqualTo(quarantined);
      assertThat(run.getLong(4)).isEqualTo(duplicates);
      assertThat(run.getLong(5)).isEqualTo(blank);
      assertThat(run.getLong(1)).isEqualTo(run.getLong(2) + run.getLong(3) + run.getLong(4) + run.getLong(5));
    }
  }

  @Test
  void everyRunRecordsItsQualityChecks() {
    // Per run: one row_ledger and one lines_classified check per source (5 sources), and one
    // max_quarantine_share and one manifest_lines check per source and day (5 x 4 days = 20).
    Map<String, Long> checks = new TreeMap<>();
    String firstRun =
        tables.read(OpsTables.JOB_RUNS).orderBy("started_at").select("run_id").first().getString(0);
    tables.read(OpsTables.QUALITY_RESULTS)
        .where(col("run_id").equalTo(firstRun))
        .groupBy(concat_ws("|", col("check_name"), col("passed").cast("string")))
        .agg(count(lit(1)))
        .collectAsList()
        .forEach(r -> checks.put(r.getString(0), r.getLong(1)));
    assertThat(checks)
        .isEqualTo(
            Map.of(
                "lines_classified|true", 5L,
                "manifest_lines|true", 20L,
                "max_quarantine_share|true", 20L,
                "row_ledger|true", 5L));
  }

  @Test
  void lateEventsKeepTheirOwnEventDate() {
    Map<String, Long> late = new TreeMap<>();
    tables.read(BronzeTables.WEB_EVENTS)
        .groupBy(col("landing_date").cast("string"))
        .agg(sum(when(col("is_late"), 1).otherwise(0)))
        .collectAsList()
        .forEach(r -> late.put("web_events|" + r.getString(0), r.getLong(1)));
    Map<String, Long> expected = new TreeMap<>();
    truth.perDay("late_rows").forEach((k, v) -> { if (k.startsWith("web_events|")) expected.put(k, v); });
    assertThat(late).isEqualTo(expected);
    assertThat(tables.read(BronzeTables.WEB_EVENTS).where(col("is_late").and(col("event_date").geq(col("landing_date")))).isEmpty())
        .isTrue();
  }

  @Test
  void rerunningTheSameDatesLeavesIdenticalTables() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableDefinition table : BronzeTables.ALL) {
      versions.put(table.id().name(), latestVersion(table));
    }
    executor().run(bronzeJobs(), FROM, TO);
    for (TableDefinition table : BronzeTables.ALL) {
      Dataset<Row> before =
          spark.read().format("delta").option("versionAsOf", versions.get(table.id().name())).load(tables.location(table));
      assertThat(latestVersion(table)).isGreaterThan(versions.get(table.id().name()));
      assertSameRows(before, tables.read(table));
    }
  }

  @Test
  void aDayWithoutItsMarkerFailsBeforeAnythingIsWritten() throws IOException {
    Path broken = TestSpark.temporaryFolder("landing-broken");
    SampleDataGenerator.generate(new GeneratorOptions(0.001, 2, FROM, 3L, broken, 0.02), line -> {});
    Files.delete(broken.resolve("orders/2026-11-02/" + LandingFiles.SUCCESS_MARKER));
    JourneySettings brokenSettings = TestSpark.isolatedSettings("ingest", broken);
    long versionBefore = latestVersion(BronzeTables.ORDERS);

    assertThatThrownBy(
            () -> new JobExecutor(spark, brokenSettings, Clock.systemUTC(), line -> {})
                .run(List.of(JobCatalog.find("orders").orElseThrow()), FROM, FROM.plusDays(1)))
        .isInstanceOf(LandingFiles.IncompleteLandingException.class)
        .hasMessageContaining("orders/2026-11-02 has no _SUCCESS marker")
        .hasMessageContaining("nothing was written");
    assertThat(latestVersion(BronzeTables.ORDERS)).isEqualTo(versionBefore);
    assertThat(
            tables.read(OpsTables.JOB_RUNS)
                .where(col("job").equalTo("orders").and(col("status").equalTo("failed")))
                .select("message")
                .first()
                .getString(0))
        .contains("no _SUCCESS marker");
  }

  private long latestVersion(TableDefinition table) {
    return DeltaTable.forPath(spark, tables.location(table)).history(1).select("version").first().getLong(0);
  }

  /** The bronze jobs only: the ledger checks below count landing lines, which silver has none of. */
  private static List<org.journeywarehouse.job.Job> bronzeJobs() {
    return JobCatalog.all().stream()
        .filter(job -> job.spec().layer() == org.journeywarehouse.catalog.Layer.BRONZE)
        .toList();
  }

  private JobExecutor executor() {
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {});
  }
}
