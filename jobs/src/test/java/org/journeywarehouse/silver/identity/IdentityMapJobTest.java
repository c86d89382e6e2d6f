package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The identity job over three hand-built nights of bronze rows. Night 1: cookie a1 browses; a
 * guest order o-1 from cookie a2 gives email e1; 5,000 guest orders from cookies g-0..g-4999 all
 * give the placeholder email "junk". Night 2: a1 logs in as account c-1, and c-1 orders (o-2)
 * with email e1: a1's and a2's customers merge. Night 3: o-2 is corrected to email e9: the link
 * to e1 disappears and a2's customer splits off again. Tests run in night order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityMapJobTest {
  private static final LocalDate NIGHT_1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate NIGHT_2 = NIGHT_1.plusDays(1);
  private static final LocalDate NIGHT_3 = NIGHT_1.plusDays(2);
  private static final int HUB_PEOPLE = 5_000;
  // Keys are sha2("type|identifier") of each customer's anchor, the identifier delivered first
  // (ties by type, then identifier): a1 and a2 both arrive on night 1, and "a1" < "a2".
  private static final String KEY_A1 = CustomerKeysKeys.key("anonymous_id", "a1");
  private static final String KEY_A2 = CustomerKeysKeys.key("anonymous_id", "a2");

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;

  @BeforeAll
  void firstNight() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("idjob", TestSpark.temporaryFolder("idjob-landing"));
    tables = new DeltaTables(spark, settings);
    List<Row> orders = new ArrayList<>();
    orders.add(order("o-1", "11-01T10:00", null, "e1", "a2", "11-01"));
    for (int i = 0; i < HUB_PEOPLE; i++) {
      orders.add(order("o-hub-" + i, "11-01T11:00", null, "junk", "g-" + i, "11-01"));
    }
    write(BronzeTables.WEB_EVENTS, NIGHT_1, List.of(event("ev-1", "11-01T09:00", "a1", null)));
    write(BronzeTables.ORDERS, NIGHT_1, orders);
    emptyDay(NIGHT_1);
    run(NIGHT_1);
  }

  @Test
  @Order(1)
  void aJunkEmailOnFiveThousandOrdersIsGuardedAndMergesNobody() {
    // "junk" links 5,000 cookies, above the anonymous_id limit of 50: refused, so every hub
    // cookie is a customer of its own and junk is one more. With a1 and {a2, e1}: 5,003 keys.
    Row guarded = tables.read(SilverTables.IDENTITY_GUARDED).first();
    assertThat(tables.read(SilverTables.IDENTITY_GUARDED).count()).isEqualTo(1);
    assertThat(guarded.<String>getAs("identifier")).isEqualTo("junk");
    assertThat(guarded.<String>getAs("linked_type")).isEqualTo("anonymous_id");
    assertThat(guarded.<Long>getAs("linked_count")).isEqualTo(5_000L);
    assertThat(guarded.<String>getAs("reason"))
        .isEqualTo("links 5000 anonymous_id identifiers (limit 50)");
    assertThat(keys().get("anonymous_id:g-17")).isEqualTo(CustomerKeysKeys.key("anonymous_id", "g-17"));
    assertThat(tables.read(SilverTables.IDENTITY_MAP).select("customer_key").distinct().count())
        .isEqualTo(HUB_PEOPLE + 3);
    assertThat(keys()).containsEntry("anonymous_id:a1", KEY_A1)
        .containsEntry("anonymous_id:a2", KEY_A2).containsEntry("email:e1", KEY_A2);
  }

  @Test
  @Order(2)
  void aMergeOnTheSecondNightKeepsTheOldestKeyAndIsRecorded() {
    write(BronzeTables.WEB_EVENTS, NIGHT_2, List.of(event("ev-2", "11-02T09:00", "a1", "c-1")));
    write(BronzeTables.ORDERS, NIGHT_2, List.of(order("o-2", "11-02T09:30", "c-1", "e1", "a1", "11-02")));
    emptyDay(NIGHT_2);
    run(NIGHT_2);

    // c-1 links a1 (web) and e1 (o-2): one customer; its anchor is a1 (night 1, 09:00).
    assertThat(keys()).containsEntry("anonymous_id:a1", KEY_A1).containsEntry("customer_id:c-1", KEY_A1)
        .containsEntry("anonymous_id:a2", KEY_A1).containsEntry("email:e1", KEY_A1);
    // a2's key merged into a1's, moving its 2 identifiers (a2, e1).
    assertThat(changes(NIGHT_2)).containsExactly("merged " + KEY_A2 + " -> " + KEY_A1 + " (2)");
    // Incremental: only the touched customers were re-stitched, not the 5,000 hub customers:
    // a1, c-1, e1 and e1's customer {a2, e1} = 4 identifiers.
    assertThat(lastMessage()).startsWith("incremental; 4 identifiers re-stitched");
  }

  @Test
  @Order(3)
  void aCorrectedOrderSplitsTheCustomerAgain() {
    // o-2 re-delivered with a newer updated_at and the right email e9: e1 no longer links c-1.
    write(BronzeTables.ORDERS, NIGHT_3,
        List.of(orderVersion("o-2", "11-03T08:00", "11-02T09:30", "c-1", "e9", "a1", "11-03")));
    write(BronzeTables.WEB_EVENTS, NIGHT_3, List.of());
    emptyDay(NIGHT_3);
    run(NIGHT_3);

    assertThat(keys()).containsEntry("customer_id:c-1", KEY_A1).containsEntry("email:e9", KEY_A1)
        .containsEntry("anonymous_id:a2", KEY_A2).containsEntry("email:e1", KEY_A2);
    assertThat(changes(NIGHT_3)).containsExactly("split " + KEY_A2 + " -> " + KEY_A1 + " (2)");
    // Scope: the old version's c-1, e1, e9 (new), their customer {a1, c-1, a2, e1} = 5.
    assertThat(lastMessage()).startsWith("incremental; 5 identifiers re-stitched");
  }

  @Test
  @Order(4)
  void aRerunAfterTheSplitKeepsEveryKeyAndRecordsNothingNew() {
    Map<String, String> before = keys();
    long history = tables.read(SilverTables.IDENTITY_MERGES).count();
    run(NIGHT_3);
    assertThat(keys()).isEqualTo(before);
    assertThat(tables.read(SilverTables.IDENTITY_MERGES).count()).isEqualTo(history);
  }

  @Test
  @Order(5)
  void aCustomerAboveTheSizeLimitFailsTheNightBeforeAnythingIsWritten() {
    // One order carries account c-9, email e9 and cookie a9: one customer of 3 identifiers,
    // above a size limit of 2. The gate fails the run; the map stays empty.
    JourneySettings strict = TestSpark.settings(Path.of(settings.paths().warehouse()), Map.of(
        "journey.paths.landing", settings.paths().landing(),
        "journey.catalog.bronze-database", "idgate_bronze",
        "journey.catalog.silver-database", "idgate_silver",
        "journey.catalog.marts-database", "idgate_marts",
        "journey.catalog.ops-database", "idgate_ops",
        "journey.identity.max-component-size", "2"));
    DeltaTables strictTables = new DeltaTables(spark, strict);
    write(strictTables, BronzeTables.ORDERS, NIGHT_1,
        List.of(order("o-9", "11-01T10:00", "c-9", "e9", "a9", "11-01")));
    write(strictTables, BronzeTables.WEB_EVENTS, NIGHT_1, List.of());
    write(strictTables, BronzeTables.SUPPORT_TICKETS, NIGHT_1, List.of());
    write(strictTables, BronzeTables.SURVEY_RESPONSES, NIGHT_1, List.of());

    assertThatThrownBy(() -> new JobExecutor(spark, strict, Clock.systemUTC(), line -> {})
            .run(List.of(new IdentityMapJob()), NIGHT_1, NIGHT_1))
        .isInstanceOf(JobFailedException.class)
        .hasMessageStartingWith("identity_map: 1 customers have more identifiers than"
            + " journey.identity.max-component-size = 2 (largest 3)");
    assertThat(strictTables.read(SilverTables.IDENTITY_MAP).isEmpty()).isTrue();
    assertThat(strictTables.read(SilverTables.IDENTITY_OBSERVATIONS).isEmpty()).isTrue();
    Row gate = strictTables.read(OpsTables.QUALITY_RESULTS)
        .where(col("check_name").equalTo("identity_component_size")).first();
    assertThat(gate.<Boolean>getAs("passed")).isFalse();
    assertThat(gate.<String>getAs("observed")).isEqualTo("largest=3 limit=2 over=1");
  }

  /** "type:identifier" -> customer_key, for the whole map (a few thousand rows). */
  private Map<String, String> keys() {
    Map<String, String> keys = new TreeMap<>();
    tables.read(SilverTables.IDENTITY_MAP)
        .select("identifier_type", "identifier", "customer_key")
        .collectAsList()
        .forEach(r -> keys.put(r.getString(0) + ":" + r.getString(1), r.getString(2)));
    return keys;
  }

  /** The night's key changes other than created, as "type key -> other (identifiers)". */
  private List<String> changes(LocalDate night) {
    return tables.read(SilverTables.IDENTITY_MERGES)
        .where(col("change_date").equalTo(lit(Date.valueOf(night))))
        .where(col("change_type").notEqual("created"))
        .collectAsList().stream()
        .map(r -> "%s %s -> %s (%d)".formatted(r.getAs("change_type"), r.getAs("customer_key"),
            r.getAs("other_key"), r.<Long>getAs("identifiers")))
        .toList();
  }

  private String lastMessage() {
    return tables.read(OpsTables.JOB_RUNS).where(col("job").equalTo(IdentityMapJob.NAME))
        .orderBy(col("started_at").desc()).first().getAs("message");
  }

  private void run(LocalDate night) {
    new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
        .run(List.of(new IdentityMapJob()), night, night);
  }

  /** Tickets and surveys deliver nothing these nights, but the slices exist. */
  private void emptyDay(LocalDate night) {
    write(BronzeTables.SUPPORT_TICKETS, night, List.of());
    write(BronzeTables.SURVEY_RESPONSES, night, List.of());
  }

  private void write(TableDefinition table, LocalDate night, List<Row> rows) {
    write(tables, table, night, rows);
  }

  private void write(DeltaTables target, TableDefinition table, LocalDate night, List<Row> rows) {
    target.ensure(table);
    StructType given = givenSchema(table);
    Dataset<Row> frame = spark.createDataFrame(rows, given);
    List<Column> columns = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      columns.add(List.of(given.fieldNames()).contains(field.name())
          ? col(field.name()).cast(field.dataType()).as(field.name())
          : lit(null).cast(field.dataType()).as(field.name()));
    }
    target.replaceSlice(table, frame.select(columns.toArray(Column[]::new)), night, night, null, "test");
  }

  private static StructType givenSchema(TableDefinition table) {
    if (table == BronzeTables.WEB_EVENTS) {
      return new StructType().add("event_id", DataTypes.StringType)
          .add("event_ts", DataTypes.TimestampType).add("event_name", DataTypes.StringType)
          .add("anonymous_id", DataTypes.StringType).add("user_id", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
    }
    if (table == BronzeTables.ORDERS) {
      return new StructType().add("order_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType).add("created_at", DataTypes.TimestampType)
          .add("customer_id", DataTypes.StringType).add("email_hash", DataTypes.StringType)
          .add("anonymous_id", DataTypes.StringType)
          .add("total_price_local", DataTypes.createDecimalType(18, 2))
          .add("currency", DataTypes.StringType).add("financial_status", DataTypes.StringType)
          .add("source_file", DataTypes.StringType).add("landing_date", DataTypes.DateType);
    }
    return new StructType().add("landing_date", DataTypes.DateType);
  }

  private static Row event(String id, String ts, String cookie, String account) {
    return RowFactory.create(id, at(ts), "page_view", cookie, account, day(ts.substring(0, 5)));
  }

  private static Row order(
      String id, String createdAt, String account, String email, String cookie, String landing) {
    return orderVersion(id, createdAt, createdAt, account, email, cookie, landing);
  }

  private static Row orderVersion(String id, String updatedAt, String createdAt, String account,
      String email, String cookie, String landing) {
    return RowFactory.create(id, at(updatedAt), at(createdAt), account, email, cookie,
        new BigDecimal("10.00"), "EUR", "paid", "orders/" + landing + "/part-0.jsonl", day(landing));
  }

  private static Timestamp at(String monthDayTime) {
    return Timestamp.from(Instant.parse("2026-" + monthDayTime + ":00Z"));
  }

  private static Date day(String monthDay) {
    return Date.valueOf("2026-" + monthDay);
  }

  /** The key formula, derived independently of Spark (as in CustomerKeysTest). */
  private static final class CustomerKeysKeys {
    static String key(String type, String identifier) {
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest((type + "|" + identifier).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "ck_" + java.util.HexFormat.of().formatHex(digest).substring(0, 24);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
