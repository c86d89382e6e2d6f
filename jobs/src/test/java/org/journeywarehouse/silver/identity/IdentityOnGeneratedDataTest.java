package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.xxhash64;
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
  private static final int DAYS = 4;
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
    // Pairwise: a pair of identifiers is predicted together when they share a customer_key and
    // truly together when they belong to one person. Over identifiers known to both sides, with
    // n(p,k) identifiers of group p under key k: true positives = sum C(n(p,k), 2), predicted
    // pairs = sum_k C(n(k), 2), true pairs = sum_p C(n(p), 2).
    //
    // Recall is measured against what the data can show: two identifiers of one person are
    // linkable when a chain of that person's own records joins them without bridging two store
    // accounts. An anonymous visitor's phone and laptop cookies share no record, and no
    // deterministic rule may join them (that would take probabilistic matching); a person's
    // second account stays a customer of its own by default. The raw recall against persons is
    // printed beside it.
    Dataset<Row> truth = groundTruth();
    Dataset<Row> map = tables.read(SilverTables.IDENTITY_MAP).select(col(NODE[0]), col(NODE[1]),
        col("customer_key"));
    Dataset<Row> both =
        truth.join(map, NODE).join(linkableGroups(truth), NODE).persist();

    long truePositives = pairs(both.groupBy("person_id", "customer_key"));
    double precision = (double) truePositives / pairs(both.groupBy("customer_key"));
    long linkablePositives = pairs(both.groupBy("linkable_group", "customer_key"));
    long linkablePairs = pairs(both.groupBy("linkable_group"));
    double recall = (double) linkablePositives / linkablePairs;
    double rawRecall = (double) truePositives / pairs(both.groupBy("person_id"));
    System.out.printf(
        "identity pairwise precision %.5f, recall %.5f over %d linkable pairs"
            + " (raw recall against persons %.5f)%n", precision, recall, linkablePairs, rawRecall);
    assertThat(linkablePairs).isGreaterThan(1_000);
    assertThat(precision).isGreaterThanOrEqualTo(0.99);
    assertThat(recall).isGreaterThanOrEqualTo(0.99);
    // Every identifier the generator planted on a clean line has a key.
    assertThat(truth.join(map, NODE, "left_anti").count()).isZero();
  }

  /**
   * Each ground-truth identifier's linkable group: connected components over the links of
   * records whose identifiers all belong to one person (identity_observations), keeping two
   * store accounts apart as the default policy does.
   */
  private Dataset<Row> linkableGroups(Dataset<Row> truth) {
    Dataset<Row> owned =
        tables.read(SilverTables.IDENTITY_OBSERVATIONS).join(truth, NODE);
    Dataset<Row> onePerson =
        owned.groupBy("source", "record_id").agg(countDistinct("person_id").as("people"))
            .where(col("people").equalTo(1));
    Dataset<Row> personal = owned.join(onePerson, new String[] {"source", "record_id"}, "left_semi");
    Dataset<Row> nodes = truth.select(col(NODE[0]), col(NODE[1])).distinct()
        .withColumn("vertex", xxhash64(col(NODE[0]), col(NODE[1])));
    Dataset<Row> links = IdentityLinks.links(personal);
    // The contract's policy: two store accounts stay two customers by default, so an
    // identifier bridging two accounts (2% of the generator's account holders have a second one)
    // links nothing here either. No fan-out limit applies: those are what is being tested.
    Dataset<Row> bridges = IdentityGuards.guarded(links, Map.of(), false);
    Dataset<Row> edges = IdentityLinks.edges(links, bridges, nodes);
    Dataset<Row> components = ConnectedComponents.compute(edges, 60).components();
    return nodes.join(components, "vertex").select(col(NODE[0]), col(NODE[1]),
        col("component").as("linkable_group"));
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

  /** sum over groups of C(n, 2). */
  private static long pairs(org.apache.spark.sql.RelationalGroupedDataset groups) {
    return groups.agg(count(lit(1)).as("n"))
        .agg(sum(col("n").multiply(col("n").minus(1)).divide(2)).cast("bigint"))
        .first().getLong(0);
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
