package org.journeywarehouse.silver.timeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One small customer ck_x (account cust-x, email email-x) through the journey_events job, with
 * the reporting time zone Europe/Berlin (UTC+1 in November) so ticket and response dates are
 * cut in it: a session, an order, a ticket delivered twice, an NPS response delivered three
 * times, and a ticket from an email the identity map does not know.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JourneyEventsJobTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 3);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private SparkSession spark;
  private DeltaTables tables;
  private JobResult result;

  @BeforeAll
  void loadAndRun() {
    spark = TestSpark.session();
    JourneySettings settings = berlinSettings();
    tables = new DeltaTables(spark, settings);
    write(SilverTables.SESSIONS, sessions());
    write(SilverTables.CONVERSIONS, conversions());
    write(BronzeTables.SUPPORT_TICKETS, tickets());
    write(BronzeTables.SURVEY_RESPONSES, responses());
    write(SilverTables.IDENTITY_MAP, identityMap());
    result =
        new JobExecutor(spark, settings, Clock.systemUTC(), line -> {})
            .run(List.of(new JourneyEventsJob()), DATE, DATE)
            .get(0);
  }

  @Test
  void theTimelineHoldsExactlyTheCustomersEvents() {
    // session_start and order carry their own dates (session_date, conversion_date).
    // t-1: the version updated 11-03 08:00 (delivered 11-03) beats the one of 11-02 09:00:
    //   satisfaction good, not offered. Opened 2026-11-02 23:30 UTC = 11-03 00:30 in Berlin.
    // r-1: one row for three deliveries; NPS 9 at 07:00 UTC = 08:00 Berlin, 2026-11-03.
    // t-2 (email-unknown, not in the map) is left out.
    TableDefinition t = SilverTables.JOURNEY_EVENTS;
    Dataset<Row> expected =
        frame(t, List.of(
            row(t, "customer_key", "ck_x", "event_at", at("2026-11-01T10:00:00Z"),
                "event_date", day("2026-11-01"), "event_type", "session_start", "event_id", "s-1",
                "channel", "Organic Search", "campaign", "(not set)", "is_engaged", true,
                "page_views", 4L),
            row(t, "customer_key", "ck_x", "event_at", at("2026-11-01T10:20:00Z"),
                "event_date", day("2026-11-01"), "event_type", "order", "event_id", "o-1",
                "order_sequence", 1, "revenue", money("49.90")),
            row(t, "customer_key", "ck_x", "event_at", at("2026-11-02T23:30:00Z"),
                "event_date", day("2026-11-03"), "event_type", "ticket", "event_id", "t-1",
                "channel", "chat", "satisfaction", "good"),
            row(t, "customer_key", "ck_x", "event_at", at("2026-11-03T07:00:00Z"),
                "event_date", day("2026-11-03"), "event_type", "survey_response",
                "event_id", "r-1", "survey_type", "nps", "score", 9)));
    assertSameRows(expected, tables.read(t));
  }

  @Test
  void keylessEventsAreCountedNotSilentlyDropped() {
    // 5 events built (session, order, t-1, r-1, t-2), 4 written, 1 without a key.
    assertThat(result.rowsRead()).isEqualTo(5);
    assertThat(result.rowsWritten()).isEqualTo(4);
    assertThat(result.message()).isEqualTo("built 5 events, wrote 4, left out 1 without a customer_key");
    Row check =
        tables.read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("journey_events_without_key"))
            .select("passed", "observed", "check_date")
            .first();
    assertThat(check.getBoolean(0)).isFalse();
    assertThat(check.getString(1)).isEqualTo("events=5 without_key=1");
    assertThat(check.getDate(2).toLocalDate()).isEqualTo(DATE);
  }

  @Test
  void theTimelineFunctionKeepsKeylessRowsForItsCaller() {
    // Pure, no tables: t-2's email is not in the map, so its key is null; opened
    // 2026-11-03 10:00 UTC = 11:00 Berlin, event_date 2026-11-03.
    Dataset<Row> keyless =
        JourneyEvents.timeline(
                frame(SilverTables.SESSIONS, sessions()),
                frame(SilverTables.CONVERSIONS, conversions()),
                frame(BronzeTables.SUPPORT_TICKETS, tickets()),
                frame(BronzeTables.SURVEY_RESPONSES, responses()),
                frame(SilverTables.IDENTITY_MAP, identityMap()),
                BERLIN)
            .where(col("customer_key").isNull())
            .select("event_type", "event_id", "event_date", "channel");
    List<Row> rows = keyless.collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString(0)).isEqualTo("ticket");
    assertThat(rows.get(0).getString(1)).isEqualTo("t-2");
    assertThat(rows.get(0).getDate(2).toLocalDate()).isEqualTo(DATE);
    assertThat(rows.get(0).getString(3)).isEqualTo("email");
  }

  private static JourneySettings berlinSettings() {
    Path warehouse = Path.of(TestSpark.settings().paths().warehouse());
    return TestSpark.settings(warehouse, Map.of(
        "journey.paths.landing", TestSpark.temporaryFolder("timeline-landing").toString(),
        "journey.catalog.bronze-database", "timeline_bronze",
        "journey.catalog.silver-database", "timeline_silver",
        "journey.catalog.marts-database", "timeline_marts",
        "journey.catalog.ops-database", "timeline_ops",
        "journey.reporting.timezone", BERLIN.getId(),
        "journey.spark.shuffle-partitions", "4"));
  }

  private static List<Row> sessions() {
    TableDefinition t = SilverTables.SESSIONS;
    return List.of(row(t, "session_id", "s-1", "customer_key", "ck_x", "anonymous_id", "anon-x",
        "session_start_at", at("2026-11-01T10:00:00Z"), "session_end_at", at("2026-11-01T10:25:00Z"),
        "session_date", day("2026-11-01"), "source", "google", "medium", "organic",
        "campaign", "(not set)", "channel", "Organic Search", "channel_rules_version", "v1",
        "page_views", 4L, "events", 7L, "has_product_view", true, "has_add_to_cart", true,
        "has_checkout", true, "has_purchase", true, "has_login_or_sign_up", false,
        "is_engaged", true));
  }

  private static List<Row> conversions() {
    TableDefinition t = SilverTables.CONVERSIONS;
    return List.of(row(t, "order_id", "o-1", "customer_key", "ck_x",
        "conversion_at", at("2026-11-01T10:20:00Z"), "conversion_date", day("2026-11-01"),
        "financial_status", "paid", "currency", "EUR", "total_price_local", money("49.90"),
        "refunded_amount_local", money("0.00"), "fx_rate", money("1.00000000"),
        "gross_revenue", money("49.90"), "revenue", money("49.90"), "order_sequence", 1,
        "is_first_order", true, "is_repeat_order", false));
  }

  private static List<Row> tickets() {
    return List.of(
        ticket("t-1", "email-x", "2026-11-02T23:30:00Z", "2026-11-02T09:00:00Z", "offered", "2026-11-02"),
        ticket("t-1", "email-x", "2026-11-02T23:30:00Z", "2026-11-03T08:00:00Z", "good", "2026-11-03"),
        ticket("t-2", "email-unknown", "2026-11-03T10:00:00Z", "2026-11-03T10:00:00Z", "unoffered",
            "2026-11-03"));
  }

  private static Row ticket(String id, String email, String createdAt, String updatedAt,
      String satisfaction, String landingDate) {
    return row(BronzeTables.SUPPORT_TICKETS, "ticket_id", id, "updated_at", at(updatedAt),
        "created_at", at(createdAt), "requester_email_hash", email,
        "channel", id.equals("t-1") ? "chat" : "email", "status", "open",
        "satisfaction", satisfaction, "source_file", "support_tickets/" + landingDate + "/a.jsonl",
        "landing_date", day(landingDate));
  }

  private static List<Row> responses() {
    return List.of(
        response("2026-11-02", "a.jsonl"), response("2026-11-03", "a.jsonl"),
        response("2026-11-03", "b.jsonl"));
  }

  private static Row response(String landingDate, String file) {
    return row(BronzeTables.SURVEY_RESPONSES, "response_id", "r-1",
        "created_at", at("2026-11-03T07:00:00Z"), "survey_type", "nps", "score", 9,
        "customer_id", "cust-x", "source_file", "survey_responses/" + landingDate + "/" + file,
        "landing_date", day(landingDate));
  }

  private static List<Row> identityMap() {
    return List.of(identity("customer_id", "cust-x"), identity("email", "email-x"));
  }

  private static Row identity(String type, String identifier) {
    return row(SilverTables.IDENTITY_MAP, "identifier_type", type, "identifier", identifier,
        "customer_key", "ck_x", "is_guarded", false, "first_seen_at", at("2026-11-01T00:00:00Z"),
        "last_seen_at", at("2026-11-03T00:00:00Z"), "first_landing_date", day("2026-11-01"),
        "key_since_date", day("2026-11-01"), "updated_date", day("2026-11-03"));
  }

  private void write(TableDefinition table, List<Row> rows) {
    tables.ensure(table);
    tables.replaceAll(table, frame(table, rows), "test");
  }
}
