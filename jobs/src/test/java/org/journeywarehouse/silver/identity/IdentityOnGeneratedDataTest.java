package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.generate.GeneratorOptions;
import org.journeywarehouse.generate.SampleDataGenerator;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobCatalog;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Identity stitching on generated data with the default dirt rate, night by night as Airflow runs
 * it: the partition against the generator's ground truth, reruns, and a full rebuild that must
 * reproduce the incremental nights' keys. Tests run in order: later ones rerun and rebuild.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityOnGeneratedDataTest {
  private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
  private static final int DAYS = 5;
  private static final LocalDate TO = FROM.plusDays(DAYS - 1);
  private static final String[] NODE = {"identifier_type", "identifier"};

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;
  private Path landing;

  @BeforeAll
  void generateIngestAndStitchNightByNight() throws java.io.IOException {
    spark = TestSpark.session();
    landing = TestSpark.temporaryFolder("identity-landing");
    SampleDataGenerator.generate(
        new GeneratorOptions(0.004, DAYS, FROM, 11L, landing, GeneratorOptions.DEFAULT_DIRT_RATE),
        line -> {});
    settings = TestSpark.isolatedSettings("ident", landing);
    tables = new DeltaTables(spark, settings);
    executor(settings).run(layer(Layer.BRONZE), FROM, TO);
    for (LocalDate night = FROM; !night.isAfter(TO); night = night.plusDays(1)) {
      executor(settings).run(List.of(new IdentityMapJob(), new CustomersJob()), night, night);
    }
  }

  @Test
  @Order(1)
  void theStitchedPartitionMatchesTheGroundTruthPairwise() {
    // Pairwise: a pair of identifiers is predicted together when they share a customer_key, and
    // truly together when they belong to one person. Over identifiers known to both sides, with
    // n(p,k) identifiers of person p under key k: true positives = sum C(n(p,k), 2), predicted
    // pairs = sum_k C(n(k), 2), true pairs = sum_p C(n(p), 2).
    Dataset<Row> truth = groundTruth();
    Dataset<Row> map = tables.read(SilverTables.IDENTITY_MAP).select(col(NODE[0]), col(NODE[1]),
        col("customer_key"));
    Dataset<Row> both = truth.join(map, NODE).persist();
    Row pairs =
        pairs(both.groupBy("person_id", "customer_key"))
            .crossJoin(pairs(both.groupBy("customer_key")).toDF("predicted"))
            .crossJoin(pairs(both.groupBy("person_id")).toDF("actual"))
            .first();
    long truePositives = pairs.getLong(0);
    double precision = (double) truePositives / pairs.getLong(1);
    double recall = (double) truePositives / pairs.getLong(2);
    System.out.printf("identity pairwise precision %.5f recall %.5f (%d true pairs)%n",
        precision, recall, pairs.getLong(2));
    assertThat(pairs.getLong(2)).isGreaterThan(1_000);
    assertThat(precision).isGreaterThanOrEqualTo(0.99);
    assertThat(recall).isGreaterThanOrEqualTo(0.99);
    // Every identifier the generator planted on a clean line has a key.
    assertThat(truth.join(map, NODE, "left_anti").count()).isZero();
  }

  @Test
  @Order(2)
  void everyNightAfterTheFirstWasIncrementalAndPassedItsGates() {
    List<Row> runs =
        tables.read(OpsTables.JOB_RUNS).where(col("job").equalTo(IdentityMapJob.NAME))
            .orderBy("date_from").select("status", "message").collectAsList();
    assertThat(runs).hasSize(DAYS);
    assertThat(runs.get(0).getString(1)).startsWith("full rebuild");
    for (Row run : runs.subList(1, DAYS)) {
      assertThat(run.getString(0)).isEqualTo("succeeded");
      assertThat(run.getString(1)).startsWith("incremental");
    }
    Row checks =
        tables.read(OpsTables.QUALITY_RESULTS).where(col("job").equalTo(IdentityMapJob.NAME))
            .agg(count(lit(1)), sum(when(col("passed"), 1).otherwise(0)))
            .first();
    // Five gates a night: collisions, edges within one key, size, accounts, churn.
    assertThat(checks.getLong(0)).isEqualTo(5L * DAYS);
    assertThat(checks.getLong(1)).isEqualTo(5L * DAYS);
  }

  @Test
  @Order(3)
  void customersHoldOneRowPerKeyAndNoIdentifier() {
    Dataset<Row> customers = tables.read(SilverTables.CUSTOMERS);
    long keys = tables.read(SilverTables.IDENTITY_MAP).select("customer_key").distinct().count();
    assertThat(customers.count()).isEqualTo(keys);
    assertThat(customers.select("customer_key").distinct().count()).isEqualTo(keys);
    Row totals = customers.agg(sum("identifiers")).first();
    assertThat(totals.getLong(0)).isEqualTo(tables.read(SilverTables.IDENTITY_MAP).count());
    assertThat(List.of(customers.columns())).noneMatch(c -> c.contains("email") && !c.equals("emails"));
  }

  @Test
  @Order(4)
  void aRerunOfTheLastNightChangesNoRow() {
    Map<String, Dataset<Row>> before = snapshot();
    executor(settings).run(List.of(new IdentityMapJob()), TO, TO);
    before.forEach((table, rows) -> assertSameRows(rows, tables.read(definition(table))));
  }

  @Test
  @Order(5)
  void aFullRebuildGivesTheIncrementalNightsKeys() {
    Map<String, Dataset<Row>> before = snapshot();
    JourneySettings rebuild =
        TestSpark.settings(Path.of(settings.paths().warehouse()), Map.of(
            "journey.paths.landing", landing.toString(),
            "journey.catalog.bronze-database", "ident_bronze",
            "journey.catalog.silver-database", "ident_silver",
            "journey.catalog.marts-database", "ident_marts",
            "journey.catalog.ops-database", "ident_ops",
            "journey.identity.mode", "full-rebuild"));
    executor(rebuild).run(List.of(new IdentityMapJob()), TO, TO);
    // Same identifiers, same keys, same guards, no change recorded.
    before.forEach((table, rows) -> assertSameRows(rows, tables.read(definition(table))));
    String message =
        tables.read(OpsTables.JOB_RUNS).where(col("job").equalTo(IdentityMapJob.NAME))
            .orderBy(col("started_at").desc()).first().getAs("message");
    assertThat(message).startsWith("full rebuild");
  }

  /** The ground truth's identifiers as the map keys them: emails and phones HMAC-hashed. */
  private Dataset<Row> groundTruth() {
    Column hashed = call_udf(PiiFunctions.HMAC_UDF, col("identifier"));
    return spark.read().option("header", "true")
        .csv(landing.resolve("_ground_truth/identities.csv.gz").toString())
        .select(col("person_id"), col("identifier_type"),
            when(col("identifier_type").isin("email", "phone"), hashed)
                .otherwise(col("identifier")).as("identifier"));
  }

  /** sum over groups of C(n, 2), as one bigint column. */
  private static Dataset<Row> pairs(org.apache.spark.sql.RelationalGroupedDataset groups) {
    return groups.agg(count(lit(1)).as("n"))
        .agg(sum(col("n").multiply(col("n").minus(1)).divide(2)).cast("bigint").as("pairs"));
  }

  private Map<String, Dataset<Row>> snapshot() {
    Map<String, Dataset<Row>> rows = new java.util.TreeMap<>();
    for (TableDefinition table : List.of(SilverTables.IDENTITY_MAP, SilverTables.IDENTITY_GUARDED,
        SilverTables.IDENTITY_MERGES, SilverTables.IDENTITY_OBSERVATIONS)) {
      rows.put(table.id().name(), tables.read(table).localCheckpoint());
    }
    return rows;
  }

  private static TableDefinition definition(String name) {
    return SilverTables.ALL.stream().filter(t -> t.id().name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Job> layer(Layer layer) {
    return JobCatalog.all().stream().filter(j -> j.spec().layer() == layer).toList();
  }

  private JobExecutor executor(JourneySettings runSettings) {
    return new JobExecutor(spark, runSettings, Clock.systemUTC(), line -> {});
  }
}
