package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hand-built bronze orders, rates and identity map through the conversions job (reporting
 * currency EUR, time zone UTC, counted statuses paid, partially_refunded, partially_paid).
 *
 * <p>Customers: ck_a (account cust-A and email-a), ck_b (phone-b; its order also carries the
 * guarded email-shared, whose own key is ck_shared), ck_c (email-c). Eight orders:
 * o-guest, o-account (ck_a), o-guarded (ck_b), o-gbp, o-refunded, o-sek, o-pending (ck_c) and
 * o-anon (no identifier at all).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversionsJobTest {
  private static final LocalDate FROM = LocalDate.of(2026, 11, 4);
  private static final LocalDate TO = LocalDate.of(2026, 11, 4);

  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;
  private JobResult firstRun;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    settings = TestSpark.isolatedSettings("conv", TestSpark.temporaryFolder("conv-landing"));
    tables = new DeltaTables(spark, settings);
    write(BronzeTables.ORDERS, orders());
    write(BronzeTables.FX_RATES, rates());
    write(SilverTables.IDENTITY_MAP, identityMap());
    // A quarantine row of the bronze orders job: the conversions job must leave it alone.
    write(BronzeTables.QUARANTINE, List.of(
        row(BronzeTables.QUARANTINE, "source", "orders", "reason", "malformed_json",
            "line_hash", "h-1", "landing_date", day("2026-11-02"))));
    firstRun = run(settings);
  }

  @Test
  void conversionsHoldExactlyTheCountedOrdersWithRevenueKeyAndSequence() {
    // o-gbp: GBP 59.90 at the 2026-11-02 rate as restated on 11-03 (1.1523, not the first
    //   1.1500 nor the 11-01 rate 1.2000): 59.90 x 1.1523 = 69.02277 -> 69.02. ck_c's other
    //   orders are refunded in full (o-refunded, re-delivered as refunded 40.00 of 40.00),
    //   without rate (o-sek) or pending: o-gbp is ck_c's order 1.
    // o-guest (email-a only, 11-01) and o-account (cust-A, 11-03) are both ck_a: 1 and 2.
    //   o-account is partially refunded: revenue 100.00 - 25.50 = 74.50, gross 100.00.
    // o-guarded: email-shared is guarded, so the phone's key ck_b wins over ck_shared.
    // o-anon: no identifier, keyed by its own id: "ck_" + sha256("order_id|o-anon")[0..24].
    String anonKey = "ck_" + sha256("order_id|o-anon").substring(0, 24);
    TableDefinition t = SilverTables.CONVERSIONS;
    Dataset<Row> expected =
        frame(t, List.of(
            conversion("o-guest", "ck_a", "2026-11-01T09:00:00Z", "paid", "EUR", "20.00", "0.00",
                "1", "20.00", "20.00", 1),
            conversion("o-account", "ck_a", "2026-11-03T12:00:00Z", "partially_refunded", "EUR",
                "100.00", "25.50", "1", "100.00", "74.50", 2),
            conversion("o-guarded", "ck_b", "2026-11-02T15:00:00Z", "paid", "EUR", "30.00", "0.00",
                "1", "30.00", "30.00", 1),
            conversion("o-gbp", "ck_c", "2026-11-02T10:00:00Z", "paid", "GBP", "59.90", "0.00",
                "1.1523", "69.02", "69.02", 1),
            conversion("o-anon", anonKey, "2026-11-03T16:00:00Z", "paid", "EUR", "15.00", "0.00",
                "1", "15.00", "15.00", 1)));
    assertSameRows(expected, tables.read(t));
  }

  @Test
  void aCountedOrderWithoutRateIsQuarantinedNotConverted() {
    // o-sek is paid in SEK and fx_rates has no SEK row: quarantined, absent from conversions.
    // o-pending (SEK too) is not counted, so its missing rate is nothing to report.
    // The orders job's own quarantine row stays.
    TableDefinition q = BronzeTables.QUARANTINE;
    Dataset<Row> expected =
        frame(q, List.of(
            row(q, "source", "orders", "reason", "malformed_json", "line_hash", "h-1",
                "landing_date", day("2026-11-02")),
            row(q, "source", "conversions", "reason", "missing_fx_rate",
                "detail", "no SEK rate for 2026-11-02", "email_hash", "email-c",
                "line_hash", sha256("orders|o-sek"), "source_file", "orders/2026-11-02/a.jsonl",
                "landing_date", day("2026-11-02"))));
    assertSameRows(expected, tables.read(q));
    assertThat(tables.read(SilverTables.CONVERSIONS).where(col("order_id").equalTo("o-sek")).isEmpty())
        .isTrue();
  }

  @Test
  void theLedgerBalancesAndIsRecorded() {
    // 8 latest orders = 5 conversions + 2 not counted (o-refunded, o-pending) + 1 quarantined.
    String observed = "latest_orders=8 conversions=5 not_counted=2 quarantined=1 keyed_by_order=1"
        + " without_key=0";
    List<Row> checks =
        tables.read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("conversion_ledger"))
            .select("table_name", "check_date", "passed", "observed")
            .collectAsList();
    assertThat(checks).isNotEmpty().allSatisfy(r -> {
      assertThat(r.getString(0)).isEqualTo("conv_silver.conversions");
      assertThat(r.getDate(1).toLocalDate()).isEqualTo(TO);
      assertThat(r.getBoolean(2)).isTrue();
      assertThat(r.getString(3)).isEqualTo(observed);
    });
    assertThat(firstRun.rowsRead()).isEqualTo(8);
    assertThat(firstRun.rowsWritten()).isEqualTo(5);
    assertThat(firstRun.rowsQuarantined()).isEqualTo(1);
  }

  @Test
  void aRerunGivesIdenticalTables() {
    Dataset<Row> conversions = snapshot(SilverTables.CONVERSIONS);
    Dataset<Row> quarantine = snapshot(BronzeTables.QUARANTINE);
    run(settings);
    assertSameRows(conversions, tables.read(SilverTables.CONVERSIONS));
    assertSameRows(quarantine, tables.read(BronzeTables.QUARANTINE));
    assertThat(tables.read(BronzeTables.QUARANTINE).count()).isEqualTo(2);
  }

  @Test
  void identifiersMissingFromTheMapFailTheJobBeforeAnyWrite() {
    // A stale map: email-z is on a paid order but not in the map. Not an order without
    // identifiers, so no key of its own: the job must fail rather than guess.
    JourneySettings stale = TestSpark.isolatedSettings("convstale", TestSpark.temporaryFolder("stale"));
    DeltaTables staleTables = new DeltaTables(spark, stale);
    write(staleTables, BronzeTables.ORDERS, List.of(
        order("o-z", null, "email-z", null, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z", "EUR",
            "10.00", "paid", null, "2026-11-02", "orders/2026-11-02/a.jsonl")));
    write(staleTables, BronzeTables.FX_RATES, rates());
    write(staleTables, SilverTables.IDENTITY_MAP, identityMap());
    assertThatThrownBy(() -> run(stale))
        .isInstanceOf(JobFailedException.class)
        .hasMessage("conversions: 1 conversion(s) carry identifiers missing from"
            + " convstale_silver.identity_map (run identity first, then rerun conversions)");
    assertThat(spark.catalog().tableExists("convstale_silver.conversions")).isFalse();
  }

  private JobResult run(JourneySettings runSettings) {
    return new JobExecutor(spark, runSettings, Clock.systemUTC(), line -> {})
        .run(List.of(new ConversionsJob()), FROM, TO)
        .get(0);
  }

  private static List<Row> orders() {
    String day1 = "orders/2026-11-01/a.jsonl";
    String day2 = "orders/2026-11-02/a.jsonl";
    String day3 = "orders/2026-11-03/a.jsonl";
    String day4 = "orders/2026-11-04/a.jsonl";
    return List.of(
        order("o-guest", null, "email-a", null, "2026-11-01T09:00:00Z", "2026-11-01T09:00:00Z",
            "EUR", "20.00", "paid", null, "2026-11-01", day1),
        order("o-account", "cust-A", null, null, "2026-11-03T12:00:00Z", "2026-11-03T12:00:00Z",
            "EUR", "100.00", "paid", null, "2026-11-03", day3),
        order("o-account", "cust-A", null, null, "2026-11-03T12:00:00Z", "2026-11-04T08:00:00Z",
            "EUR", "100.00", "partially_refunded", "25.50", "2026-11-04", day4),
        order("o-guarded", null, "email-shared", "phone-b", "2026-11-02T15:00:00Z",
            "2026-11-02T15:00:00Z", "EUR", "30.00", "paid", null, "2026-11-02", day2),
        order("o-gbp", null, "email-c", null, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z",
            "GBP", "59.90", "paid", null, "2026-11-02", day2),
        order("o-refunded", null, "email-c", null, "2026-11-01T08:00:00Z", "2026-11-01T08:00:00Z",
            "EUR", "40.00", "paid", null, "2026-11-01", day1),
        order("o-refunded", null, "email-c", null, "2026-11-01T08:00:00Z", "2026-11-02T09:00:00Z",
            "EUR", "40.00", "refunded", "40.00", "2026-11-02", day2),
        order("o-sek", null, "email-c", null, "2026-11-02T11:00:00Z", "2026-11-02T11:00:00Z",
            "SEK", "500.00", "paid", null, "2026-11-02", day2),
        order("o-pending", null, "email-c", null, "2026-11-02T12:00:00Z", "2026-11-02T12:00:00Z",
            "SEK", "80.00", "pending", null, "2026-11-02", day2),
        order("o-anon", null, null, null, "2026-11-03T16:00:00Z", "2026-11-03T16:00:00Z",
            "EUR", "15.00", "paid", null, "2026-11-03", day3));
  }

  private static Row order(String id, String customerId, String email, String phone,
      String createdAt, String updatedAt, String currency, String total, String status,
      String refunded, String landingDate, String file) {
    return row(BronzeTables.ORDERS, "order_id", id, "updated_at", at(updatedAt),
        "created_at", at(createdAt), "order_date", day(createdAt.substring(0, 10)),
        "customer_id", customerId, "email_hash", email, "phone_hash", phone,
        "total_price_local", money(total), "currency", currency, "financial_status", status,
        "refunded_amount_local", refunded == null ? null : money(refunded),
        "source_name", email == null && customerId == null ? "pos" : "web",
        "source_file", file, "landing_date", day(landingDate));
  }

  private static List<Row> rates() {
    return List.of(
        rate("2026-11-01", "GBP", "1.20000000", "2026-11-01"),
        rate("2026-11-02", "GBP", "1.15000000", "2026-11-02"),
        rate("2026-11-02", "GBP", "1.15230000", "2026-11-03"));
  }

  private static Row rate(String date, String currency, String rate, String landingDate) {
    return row(BronzeTables.FX_RATES, "rate_date", day(date), "currency", currency,
        "rate_to_reporting", money(rate), "source_file", "fx_rates/" + landingDate + "/a.jsonl",
        "landing_date", day(landingDate));
  }

  static List<Row> identityMap() {
    return List.of(
        identity("customer_id", "cust-A", "ck_a", false),
        identity("email", "email-a", "ck_a", false),
        identity("email", "email-shared", "ck_shared", true),
        identity("phone", "phone-b", "ck_b", false),
        identity("email", "email-c", "ck_c", false));
  }

  private static Row identity(String type, String identifier, String key, boolean guarded) {
    return row(SilverTables.IDENTITY_MAP, "identifier_type", type, "identifier", identifier,
        "customer_key", key, "is_guarded", guarded, "first_seen_at", at("2026-11-01T00:00:00Z"),
        "last_seen_at", at("2026-11-04T00:00:00Z"), "first_landing_date", day("2026-11-01"),
        "key_since_date", day("2026-11-01"), "updated_date", day("2026-11-04"));
  }

  private static Row conversion(String id, String key, String at, String status, String currency,
      String total, String refunded, String rate, String gross, String revenue, int sequence) {
    boolean online = !id.equals("o-anon");
    return row(SilverTables.CONVERSIONS, "order_id", id, "customer_key", key,
        "conversion_at", at(at), "conversion_date", day(at.substring(0, 10)),
        "financial_status", status, "source_name", online ? "web" : "pos",
        "currency", currency, "total_price_local", money(total),
        "refunded_amount_local", money(refunded), "fx_rate", new java.math.BigDecimal(rate).setScale(8),
        "gross_revenue", money(gross), "revenue", money(revenue), "order_sequence", sequence,
        "is_first_order", sequence == 1, "is_repeat_order", sequence > 1);
  }

  private Dataset<Row> snapshot(TableDefinition table) {
    return spark.createDataFrame(tables.read(table).collectAsList(), tables.read(table).schema());
  }

  private void write(TableDefinition table, List<Row> rows) {
    write(tables, table, rows);
  }

  private static void write(DeltaTables target, TableDefinition table, List<Row> rows) {
    target.ensure(table);
    target.replaceAll(table, frame(table, rows), "test");
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
