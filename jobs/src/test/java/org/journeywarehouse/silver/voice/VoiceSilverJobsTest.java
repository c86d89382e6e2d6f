package org.journeywarehouse.silver.voice;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.testing.SilverRows;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tickets and surveys jobs on hand-built bronze rows, run twice for 2026-11-03 with the
 * reporting time zone Europe/Berlin (UTC+1 in November). The identity map knows account cust-x and
 * email email-x (ck_x) and phone phone-y (ck_y); email-unknown is in no map.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoiceSilverJobsTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 3);

  private SparkSession spark;
  private DeltaTables tables;
  private JourneySettings settings;
  private List<JobResult> first;
  private List<Row> firstTickets;
  private List<Row> firstSurveys;
  private List<JobResult> second;

  @BeforeAll
  void loadAndRunTwice() {
    spark = TestSpark.session();
    settings = settings("voicesilver");
    tables = new DeltaTables(spark, settings);
    write(tables, BronzeTables.SUPPORT_TICKETS, tickets());
    write(tables, BronzeTables.SURVEY_RESPONSES, responses());
    write(tables, SilverTables.IDENTITY_MAP, identityMap(false));
    first = run(settings);
    firstTickets = tables.read(SilverTables.TICKETS).collectAsList();
    firstSurveys = tables.read(SilverTables.SURVEYS).collectAsList();
    second = run(settings);
  }

  @Test
  void eachTicketOnceInItsNewestVersionUnderItsCustomerKey() {
    // t-1 (email-x -> ck_x), delivered twice: the version updated 11-03 08:00 beats 11-02 09:00,
    //   so solved and rated good, not open and offered. Opened 2026-11-01 23:30 UTC = 11-02
    //   00:30 in Berlin. Tags [shipping, null, refund, shipping] -> [refund, shipping]. First
    //   reply 00:00 = 30 minutes; solved 05:30 = 6 hours.
    // t-2 (email-unknown) has no key: left out.
    // t-3 (account cust-x -> ck_x): pending, no tags (null -> []), no satisfaction (->
    //   unoffered); replied at 09:00 before its creation at 10:00 (a bad clock): minutes null.
    // t-4 (phone-y only -> ck_y): closed, never replied, solved after 1 day 12 hours = 36.0 h.
    TableDefinition t = SilverTables.TICKETS;
    assertSameRows(
        frame(
            t,
            List.of(
                row(
                    t,
                    "ticket_id",
                    "t-1",
                    "customer_key",
                    "ck_x",
                    "created_at",
                    at("2026-11-01T23:30:00Z"),
                    "created_date",
                    day("2026-11-02"),
                    "updated_at",
                    at("2026-11-03T08:00:00Z"),
                    "status",
                    "solved",
                    "is_open",
                    false,
                    "channel",
                    "chat",
                    "tags",
                    List.of("refund", "shipping"),
                    "satisfaction",
                    "good",
                    "order_id",
                    "o-1",
                    "first_reply_at",
                    at("2026-11-02T00:00:00Z"),
                    "solved_at",
                    at("2026-11-02T05:30:00Z"),
                    "first_reply_minutes",
                    30.0,
                    "resolution_hours",
                    6.0),
                row(
                    t,
                    "ticket_id",
                    "t-3",
                    "customer_key",
                    "ck_x",
                    "created_at",
                    at("2026-11-02T10:00:00Z"),
                    "created_date",
                    day("2026-11-02"),
                    "updated_at",
                    at("2026-11-02T11:00:00Z"),
                    "status",
                    "pending",
                    "is_open",
                    true,
                    "channel",
                    "email",
                    "tags",
                    List.of(),
                    "satisfaction",
                    "unoffered",
                    "first_reply_at",
                    at("2026-11-02T09:00:00Z")),
                row(
                    t,
                    "ticket_id",
                    "t-4",
                    "customer_key",
                    "ck_y",
                    "created_at",
                    at("2026-11-01T12:00:00Z"),
                    "created_date",
                    day("2026-11-01"),
                    "updated_at",
                    at("2026-11-03T01:00:00Z"),
                    "status",
                    "closed",
                    "is_open",
                    false,
                    "channel",
                    "phone",
                    "tags",
                    List.of("billing"),
                    "satisfaction",
                    "bad",
                    "solved_at",
                    at("2026-11-03T00:00:00Z"),
                    "resolution_hours",
                    36.0))),
        tables.read(t));
  }

  @Test
  void eachResponseOnceWithItsCategoryAndNoComment() {
    // r-1 (cust-x), delivered on 11-02 and 11-03: one row. 2026-11-02 23:10 UTC = 11-03 00:10
    //   Berlin. NPS 9 promoter, 7 passive, 6 detractor (0-6), CSAT 4 satisfied (4-5), 3 not.
    // r-6 (email-unknown) has no key: left out.
    TableDefinition t = SilverTables.SURVEYS;
    assertSameRows(
        frame(
            t,
            List.of(
                survey("r-1", "2026-11-02T23:10:00Z", "2026-11-03", "nps", 9, "promoter", null),
                survey("r-2", "2026-11-02T10:00:00Z", "2026-11-02", "nps", 7, "passive", null),
                survey("r-3", "2026-11-02T11:00:00Z", "2026-11-02", "nps", 6, "detractor", null),
                survey("r-4", "2026-11-02T12:00:00Z", "2026-11-02", "csat", 4, null, true),
                survey("r-5", "2026-11-02T13:00:00Z", "2026-11-02", "csat", 3, null, false))),
        tables.read(t));
    assertThat(Arrays.asList(tables.read(t).columns())).doesNotContain("comment", "email_hash");
  }

  @Test
  void keylessRecordsAreCountedAndTheLedgerBalances() {
    // Tickets: 5 bronze rows (t-1 twice), 4 tickets, 3 written, 1 without a key (t-2), 1
    // duration out of order (t-3). Surveys: 7 rows (r-1 twice), 6 responses, 5 written, 1
    // without a key (r-6). Each run records the five checks; the two ledgers pass.
    assertThat(checks("tickets_rows_balance"))
        .containsExactly(
            "true bronze_rows=5 records=4 written=3 without_key=1 repeated_ids=0",
            "true bronze_rows=5 records=4 written=3 without_key=1 repeated_ids=0");
    assertThat(checks("tickets_without_key"))
        .containsExactly("false records=4 without_key=1", "false records=4 without_key=1");
    assertThat(checks("tickets_durations_out_of_order"))
        .containsExactly("false records=4 out_of_order=1", "false records=4 out_of_order=1");
    assertThat(checks("surveys_rows_balance"))
        .containsExactly(
            "true bronze_rows=7 records=6 written=5 without_key=1 repeated_ids=0",
            "true bronze_rows=7 records=6 written=5 without_key=1 repeated_ids=0");
    assertThat(checks("surveys_without_key"))
        .containsExactly("false records=6 without_key=1", "false records=6 without_key=1");
    assertThat(first.get(0))
        .isEqualTo(
            new JobResult(
                5,
                3,
                0,
                1,
                0,
                "kept 4 of 5 delivered versions, wrote 3, left out 1 without a customer_key"));
    assertThat(first.get(1))
        .isEqualTo(
            new JobResult(
                7,
                5,
                0,
                1,
                0,
                "kept 6 of 7 delivered versions, wrote 5, left out 1 without a customer_key"));
  }

  @Test
  void aRerunGivesIdenticalRows() {
    assertThat(second).isEqualTo(first);
    assertSameRows(frame(SilverTables.TICKETS, firstTickets), tables.read(SilverTables.TICKETS));
    assertSameRows(frame(SilverTables.SURVEYS, firstSurveys), tables.read(SilverTables.SURVEYS));
  }

  @Test
  void anIdentityMapThatMultipliesRecordsFailsTheGateAndWritesNothing() {
    // email-x listed twice (ck_x and ck_z): the lookup joins t-1 to both rows, 5 built rows for
    // 4 tickets, so tickets_rows_balance fails before the table is created.
    JourneySettings broken = settings("voicesilverbad");
    DeltaTables brokenTables = new DeltaTables(spark, broken);
    write(brokenTables, BronzeTables.SUPPORT_TICKETS, tickets());
    write(brokenTables, SilverTables.IDENTITY_MAP, identityMap(true));
    JobExecutor executor = new JobExecutor(spark, broken, Clock.systemUTC(), line -> {});
    assertThatThrownBy(() -> executor.run(List.of(new TicketsJob()), DATE, DATE))
        .isInstanceOf(JobFailedException.class)
        .hasMessage(
            "tickets: rows do not balance (bronze_rows=5 records=4 written=4"
                + " without_key=1 repeated_ids=1): each bronze record must give one row, written or"
                + " left out without a key; nothing was written");
    assertThat(spark.catalog().tableExists(brokenTables.qualifiedName(SilverTables.TICKETS)))
        .isFalse();
    Row gate =
        brokenTables
            .read(OpsTables.QUALITY_RESULTS)
            .where(col("check_name").equalTo("tickets_rows_balance"))
            .select("passed")
            .first();
    assertThat(gate.getBoolean(0)).isFalse();
  }

  private List<JobResult> run(JourneySettings settings) {
    List<Job> jobs = List.of(new TicketsJob(), new SurveysJob());
    return new JobExecutor(spark, settings, Clock.systemUTC(), line -> {}).run(jobs, DATE, DATE);
  }

  /** "passed observed" of every run's check, in run order. */
  private List<String> checks(String name) {
    return tables
        .read(OpsTables.QUALITY_RESULTS)
        .where(col("check_name").equalTo(name).and(col("check_date").equalTo(day("2026-11-03"))))
        .orderBy("checked_at")
        .collectAsList()
        .stream()
        .map(r -> r.getAs("passed") + " " + r.getAs("observed"))
        .toList();
  }

  private static JourneySettings settings(String prefix) {
    return TestSpark.isolatedSettings(
        prefix,
        TestSpark.temporaryFolder(prefix + "-landing"),
        Map.of("journey.reporting.timezone", "Europe/Berlin"));
  }

  private static void write(DeltaTables tables, TableDefinition table, List<Row> rows) {
    SilverRows.replace(tables, table, rows);
  }

  private static List<Row> tickets() {
    List<String> tags = Arrays.asList("shipping", null, "refund", "shipping");
    return List.of(
        ticket(
            "t-1",
            "2026-11-02",
            "2026-11-02T09:00:00Z",
            "email-x",
            null,
            null,
            "chat",
            tags,
            "open",
            "2026-11-02T00:00:00Z",
            null,
            "offered",
            "2026-11-01T23:30:00Z"),
        ticket(
            "t-1",
            "2026-11-03",
            "2026-11-03T08:00:00Z",
            "email-x",
            null,
            null,
            "chat",
            tags,
            "solved",
            "2026-11-02T00:00:00Z",
            "2026-11-02T05:30:00Z",
            "good",
            "2026-11-01T23:30:00Z"),
        ticket(
            "t-2",
            "2026-11-03",
            "2026-11-03T09:00:00Z",
            "email-unknown",
            null,
            null,
            "web",
            List.of("product"),
            "new",
            null,
            null,
            "unoffered",
            "2026-11-03T08:00:00Z"),
        ticket(
            "t-3",
            "2026-11-02",
            "2026-11-02T11:00:00Z",
            null,
            null,
            "cust-x",
            "email",
            null,
            "pending",
            "2026-11-02T09:00:00Z",
            null,
            null,
            "2026-11-02T10:00:00Z"),
        ticket(
            "t-4",
            "2026-11-03",
            "2026-11-03T01:00:00Z",
            null,
            "phone-y",
            null,
            "phone",
            List.of("billing"),
            "closed",
            null,
            "2026-11-03T00:00:00Z",
            "bad",
            "2026-11-01T12:00:00Z"));
  }

  private static Row ticket(
      String id,
      String landing,
      String updatedAt,
      String email,
      String phone,
      String account,
      String channel,
      List<String> tags,
      String status,
      String firstReplyAt,
      String solvedAt,
      String satisfaction,
      String createdAt) {
    return row(
        BronzeTables.SUPPORT_TICKETS,
        "ticket_id",
        id,
        "updated_at",
        at(updatedAt),
        "created_at",
        at(createdAt),
        "requester_email_hash",
        email,
        "requester_phone_hash",
        phone,
        "customer_id",
        account,
        "channel",
        channel,
        "subject",
        "Where is order o-1?",
        "tags",
        tags,
        "status",
        status,
        "first_reply_at",
        firstReplyAt == null ? null : at(firstReplyAt),
        "solved_at",
        solvedAt == null ? null : at(solvedAt),
        "satisfaction",
        satisfaction,
        "order_id",
        id.equals("t-1") ? "o-1" : null,
        "source_file",
        "support_tickets/" + landing + "/a.jsonl",
        "landing_date",
        day(landing));
  }

  private static List<Row> responses() {
    List<Row> rows = new ArrayList<>();
    rows.add(response("r-1", "2026-11-02", "2026-11-02T23:10:00Z", "nps", 9, null, "cust-x"));
    rows.add(response("r-1", "2026-11-03", "2026-11-02T23:10:00Z", "nps", 9, null, "cust-x"));
    rows.add(response("r-2", "2026-11-02", "2026-11-02T10:00:00Z", "nps", 7, "email-x", null));
    rows.add(response("r-3", "2026-11-02", "2026-11-02T11:00:00Z", "nps", 6, "email-x", null));
    rows.add(response("r-4", "2026-11-02", "2026-11-02T12:00:00Z", "csat", 4, "email-x", null));
    rows.add(response("r-5", "2026-11-03", "2026-11-02T13:00:00Z", "csat", 3, "email-x", null));
    rows.add(
        response("r-6", "2026-11-03", "2026-11-02T14:00:00Z", "nps", 10, "email-unknown", null));
    return rows;
  }

  private static Row response(
      String id,
      String landing,
      String createdAt,
      String type,
      int score,
      String email,
      String account) {
    return row(
        BronzeTables.SURVEY_RESPONSES,
        "response_id",
        id,
        "created_at",
        at(createdAt),
        "survey_type",
        type,
        "score",
        score,
        "email_hash",
        email,
        "customer_id",
        account,
        "comment",
        "call me on +44 20 7946 0123",
        "source_file",
        "survey_responses/" + landing + "/a.jsonl",
        "landing_date",
        day(landing));
  }

  private static Row survey(
      String id,
      String createdAt,
      String date,
      String type,
      int score,
      String category,
      Boolean satisfied) {
    return row(
        SilverTables.SURVEYS,
        "response_id",
        id,
        "customer_key",
        "ck_x",
        "created_at",
        at(createdAt),
        "created_date",
        day(date),
        "survey_type",
        type,
        "score",
        score,
        "nps_category",
        category,
        "is_csat_satisfied",
        satisfied);
  }

  private static List<Row> identityMap(boolean duplicateEmail) {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                identity("customer_id", "cust-x", "ck_x"),
                identity("email", "email-x", "ck_x"),
                identity("phone", "phone-y", "ck_y")));
    if (duplicateEmail) {
      rows.add(identity("email", "email-x", "ck_z"));
    }
    return rows;
  }

  private static Row identity(String type, String identifier, String key) {
    return row(
        SilverTables.IDENTITY_MAP,
        "identifier_type",
        type,
        "identifier",
        identifier,
        "customer_key",
        key,
        "is_guarded",
        false,
        "first_seen_at",
        at("2026-11-01T00:00:00Z"),
        "last_seen_at",
        at("2026-11-03T00:00:00Z"),
        "first_landing_date",
        day("2026-11-01"),
        "key_since_date",
        day("2026-11-01"),
        "updated_date",
        day("2026-11-03"));
  }
}
