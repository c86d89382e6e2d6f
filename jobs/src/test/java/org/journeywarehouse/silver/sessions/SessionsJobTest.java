package org.journeywarehouse.silver.sessions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.OpsTables;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The sessions job on hand-built bronze web events and identity maps, each test in databases of
 * its own. Reporting zone UTC, inactivity timeout 30 minutes, 3 page views make a session engaged
 * (the reference.conf defaults). Session ids are derived here from docs/sessions.md rule 5.
 */
class SessionsJobTest {
  private static final String SHOP = "https://shop.example.com/";
  private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
  private static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);

  private final List<String> progress = new CopyOnWriteArrayList<>();
  private SparkSession spark;
  private JourneySettings settings;
  private DeltaTables tables;

  @BeforeEach
  void isolatedWarehouse(TestInfo test) {
    spark = TestSpark.session();
    String prefix = "sessions_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    settings = TestSpark.isolatedSettings(prefix, TestSpark.temporaryFolder("landing"));
    tables = new DeltaTables(spark, settings);
  }

  @Test
  void aThirtyOneMinuteGapCutsTwoSessionsWithChannelClickIdAndCustomerKey() {
    // Cookie c1: 10:00 lands from a Google Ads click (utm google/cpc, gclid in the URL), 10:10
    // a second page, then 31 minutes idle (> 30) and 10:41 a typed-in visit: two sessions.
    land(NOV_1,
        event("e1", "2026-11-01T10:00:00Z", "c1")
            .url(SHOP + "?utm_source=google&utm_medium=cpc&gclid=Cj0Kabc&ref=x")
            .utm("google", "cpc", "brand"),
        event("e2", "2026-11-01T10:10:00Z", "c1").url(SHOP + "jackets"),
        event("e3", "2026-11-01T10:41:00Z", "c1"));
    identityMap(mapped("anonymous_id", "c1", "ck_a", false, NOV_1));

    run(NOV_1, NOV_1);

    // google is in the search category and cpc matches the paid pattern: Paid Search (GA4
    // rule 4). Nothing for e3: (direct)/(none), Direct. Both sessions carry c1's key.
    assertThat(sessions())
        .containsExactlyInAnyOrder(
            inactivityKey("c1", "2026-11-01T10:00:00Z", "e1")
                + "|ck_a|2026-11-01|2026-11-01 10:00:00|2026-11-01 10:10:00"
                + "|google|cpc|brand|Paid Search|gclid|Cj0Kabc|2|2|false",
            inactivityKey("c1", "2026-11-01T10:41:00Z", "e3")
                + "|ck_a|2026-11-01|2026-11-01 10:41:00|2026-11-01 10:41:00"
                + "|(direct)|(none)|(direct)|Direct|null|null|1|1|false");
    // The job writes exactly what the pure function builds from the same inputs.
    Dataset<Row> pure =
        SessionRows.build(
            SessionRows.latestEvents(tables.read(BronzeTables.WEB_EVENTS)),
            tables.read(SilverTables.IDENTITY_MAP),
            ChannelRules.load(Optional.of(TestSpark.confDir())),
            settings.sessions(),
            settings.reporting().timezone());
    assertSameRows(pure, tables.read(SilverTables.SESSIONS));
    assertThat(progress).contains("sessions: 2 sessions for 2026-10-31..2026-11-01, 0 re-keyed");
  }

  @Test
  void aLoggedInSessionOnAGuardedCookieGetsTheAccountsKey() {
    // A shared tablet's cookie is guarded (a key of its own, ck_tablet). u7 logs in at 12:05:
    // the session's user_id is u7, whose key is trusted and preferred over the cookie's.
    // An anonymous visit on the same tablet at 18:00 only has the guarded cookie: ck_tablet.
    land(NOV_1,
        event("e10", "2026-11-01T12:00:00Z", "tablet"),
        event("e11", "2026-11-01T12:05:00Z", "tablet").named("login").user("u7"),
        event("e12", "2026-11-01T18:00:00Z", "tablet"));
    identityMap(
        mapped("anonymous_id", "tablet", "ck_tablet", true, NOV_1),
        mapped("customer_id", "u7", "ck_u7", false, NOV_1));

    run(NOV_1, NOV_1);

    assertThat(keys())
        .containsExactlyInAnyOrder("tablet|u7|ck_u7|true", "tablet|null|ck_tablet|false");
  }

  @Test
  void aLateEventRewritesItsEventDatesSliceAndLeavesOtherDatesAlone() {
    // Night 1: c1 at 10:00, 10:10 and 10:41 (two sessions, as above); c3 at 23:50.
    // Night 2: c2 at 09:00; c3 at 00:10, 20 minutes after its 23:50: the same session.
    land(NOV_1,
        event("e1", "2026-11-01T10:00:00Z", "c1"),
        event("e2", "2026-11-01T10:10:00Z", "c1"),
        event("e3", "2026-11-01T10:41:00Z", "c1"),
        event("e30", "2026-11-01T23:50:00Z", "c3"));
    land(NOV_2,
        event("e20", "2026-11-02T09:00:00Z", "c2"),
        event("e31", "2026-11-02T00:10:00Z", "c3"));
    identityMap(
        mapped("anonymous_id", "c1", "ck_1", false, NOV_1),
        mapped("anonymous_id", "c2", "ck_2", false, NOV_2),
        mapped("anonymous_id", "c3", "ck_3", false, NOV_1));
    run(NOV_1, NOV_1);
    run(NOV_2, NOV_2);

    // Night 2 rewrote Nov 1 and 2 (events of Nov 2 landed, plus the day before): c3's visit is
    // one session dated by its 23:50 start, with both events; no session of c3 on Nov 2.
    String c1First = inactivityKey("c1", "2026-11-01T10:00:00Z", "e1");
    String c1Second = inactivityKey("c1", "2026-11-01T10:41:00Z", "e3");
    String c3 = inactivityKey("c3", "2026-11-01T23:50:00Z", "e30");
    String c2 = inactivityKey("c2", "2026-11-02T09:00:00Z", "e20");
    assertThat(eventsPerSession())
        .containsExactlyInAnyOrder(
            c1First + "|2026-11-01|2|false", c1Second + "|2026-11-01|1|false",
            c3 + "|2026-11-01|2|false", c2 + "|2026-11-02|1|false");
    List<Row> nov2Before = slice(NOV_2);

    // Night 3: a page view of c1 at 10:20 on Nov 1 arrives two days late. Gaps 10:00 -> 10:10
    // -> 10:20 -> 10:41 are 10, 10 and 21 minutes: one session of 4 page views (engaged), still
    // keyed by its first event e1; the 10:41 session is gone.
    land(NOV_3, event("e5", "2026-11-01T10:20:00Z", "c1").late());
    run(NOV_3, NOV_3);

    assertThat(eventsPerSession())
        .containsExactlyInAnyOrder(
            c1First + "|2026-11-01|4|true", c3 + "|2026-11-01|2|false", c2 + "|2026-11-02|1|false");
    assertThat(slice(NOV_2)).containsExactlyInAnyOrderElementsOf(nov2Before);
    // The last write replaced Oct 31..Nov 1 only: Nov 2's files were not touched.
    String predicate =
        tables.delta(SilverTables.SESSIONS).history(1).select("operationParameters.predicate")
            .as(Encoders.STRING()).first();
    assertThat(predicate).contains("2026-10-31").contains("2026-11-01").doesNotContain("2026-11-02");
    assertThat(progress).contains("sessions: 2 sessions for 2026-10-31..2026-11-01, 0 re-keyed");
  }

  @Test
  void aRerunOfTheSameDatesLeavesTheTableIdentical() {
    land(NOV_1,
        event("e1", "2026-11-01T10:00:00Z", "c1").utm("newsletter", "email", "winter"),
        event("e2", "2026-11-01T23:50:00Z", "c2"));
    land(NOV_2, event("e3", "2026-11-02T00:05:00Z", "c2"), event("e4", "2026-11-02T08:00:00Z", "c1"));
    identityMap(
        mapped("anonymous_id", "c1", "ck_1", false, NOV_1),
        mapped("anonymous_id", "c2", "ck_2", false, NOV_1));
    run(NOV_1, NOV_2);
    Dataset<Row> before = snapshot();

    // The catalog's constructor: rules from the jar's copy of conf/channels.conf.
    new JobExecutor(spark, settings, clock(), progress::add)
        .run(List.of(new SessionsJob()), NOV_2, NOV_2);
    run(NOV_1, NOV_2);

    assertSameRows(before, tables.read(SilverTables.SESSIONS));
    assertThat(before.count()).isEqualTo(3); // c1 on Nov 1 and 2, c2 across midnight
  }

  @Test
  void aKeyChangeInTheIdentityMapReKeysOlderSessions() {
    // Oct 30: c1's session gets ck_old. On Nov 2 the identity job merges c1 into ck_survivor
    // (key_since_date Nov 2). The Nov 2 run rewrites Nov 1..2 only, so the Oct 30 session can
    // only get the survivor by the re-key MERGE: exactly 1 re-keyed.
    LocalDate oct30 = LocalDate.of(2026, 10, 30);
    land(oct30, event("e1", "2026-10-30T15:00:00Z", "c1"));
    identityMap(mapped("anonymous_id", "c1", "ck_old", false, oct30));
    run(oct30, oct30);
    assertThat(keys()).containsExactly("c1|null|ck_old|false");

    land(NOV_2, event("e2", "2026-11-02T09:00:00Z", "c2"));
    identityMap(
        mapped("anonymous_id", "c1", "ck_survivor", false, NOV_2),
        mapped("anonymous_id", "c2", "ck_survivor", false, NOV_2));
    run(NOV_2, NOV_2);

    assertThat(keys()).containsExactlyInAnyOrder("c1|null|ck_survivor|false", "c2|null|ck_survivor|false");
    // A rerun finds nothing left to change.
    run(NOV_2, NOV_2);
    assertThat(progress.stream().filter(line -> line.endsWith("re-keyed")))
        .containsExactly(
            "sessions: 1 sessions for 2026-10-29..2026-10-30, 0 re-keyed",
            "sessions: 1 sessions for 2026-11-01..2026-11-02, 1 re-keyed",
            "sessions: 1 sessions for 2026-11-01..2026-11-02, 0 re-keyed");
  }

  @Test
  void aSessionWithoutCustomerKeyFailsTheRunBeforeAnythingIsWritten() {
    land(NOV_1, event("e1", "2026-11-01T10:00:00Z", "c1"), event("e2", "2026-11-01T11:00:00Z", "c9"));
    identityMap(mapped("anonymous_id", "c1", "ck_1", false, NOV_1)); // c9 missing

    assertThatThrownBy(() -> run(NOV_1, NOV_1))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("1 of 2 sessions of 2026-10-31..2026-11-01 have no customer_key")
        .hasMessageContaining("run identity_map first");
    assertThat(tables.read(SilverTables.SESSIONS).count()).isZero();
    assertThat(
            tables.read(OpsTables.QUALITY_RESULTS)
                .select(concat_ws("|", col("check_name"), col("passed"), col("observed")))
                .as(Encoders.STRING()).collectAsList())
        .containsExactly("sessions_have_customer_key|false|sessions=2 without_customer_key=1");
  }

  @Test
  void aBrokenRulesFileFailsTheRunBeforeAnythingIsWritten() throws Exception {
    land(NOV_1, event("e1", "2026-11-01T10:00:00Z", "c1"));
    identityMap(mapped("anonymous_id", "c1", "ck_1", false, NOV_1));
    Path conf = TestSpark.temporaryFolder("conf");
    String shipped = Files.readString(TestSpark.confDir().resolve("channels.conf"));
    Files.writeString(
        conf.resolve("channels.conf"),
        shipped.replace("medium-in = [affiliate]", "medium-is = [affiliate]"));
    SessionsJob job = new SessionsJob(() -> ChannelRules.load(Optional.of(conf)));

    assertThatThrownBy(
            () -> new JobExecutor(spark, settings, clock(), progress::add).run(List.of(job), NOV_1, NOV_1))
        .hasMessageContaining("unknown condition key when.medium-is");
    assertThat(spark.catalog().tableExists(tables.qualifiedName(SilverTables.SESSIONS))).isFalse();
  }

  // ---- running the job ----

  private void run(LocalDate from, LocalDate to) {
    SessionsJob job = new SessionsJob(() -> ChannelRules.load(Optional.of(TestSpark.confDir())));
    new JobExecutor(spark, settings, clock(), progress::add).run(List.of(job), from, to);
  }

  private static Clock clock() {
    return Clock.fixed(Instant.parse("2026-11-04T03:00:00Z"), ZoneOffset.UTC);
  }

  // ---- reading the output ----

  /**
   * session_id|customer_key|date|start|end|source|medium|campaign|channel|click_id_type|click_id
   * |page_views|events|is_engaged
   */
  private List<String> sessions() {
    return strings(
        tables.read(SilverTables.SESSIONS),
        "session_id", "customer_key", "session_date", "session_start_at", "session_end_at",
        "source", "medium", "campaign", "channel", "click_id_type", "click_id", "page_views",
        "events", "is_engaged");
  }

  /** anonymous_id|user_id|customer_key|has_login_or_sign_up */
  private List<String> keys() {
    return strings(
        tables.read(SilverTables.SESSIONS), "anonymous_id", "user_id", "customer_key",
        "has_login_or_sign_up");
  }

  /** session_id|session_date|events|is_engaged */
  private List<String> eventsPerSession() {
    return strings(tables.read(SilverTables.SESSIONS), "session_id", "session_date", "events", "is_engaged");
  }

  private List<Row> slice(LocalDate date) {
    return tables.read(SilverTables.SESSIONS)
        .where(col("session_date").equalTo(Date.valueOf(date)))
        .collectAsList();
  }

  /** The table's rows now, detached from the Delta table that later runs rewrite. */
  private Dataset<Row> snapshot() {
    Dataset<Row> now = tables.read(SilverTables.SESSIONS);
    return spark.createDataFrame(now.collectAsList(), now.schema());
  }

  /** Columns joined with '|', nulls as "null" (concat_ws would skip them). */
  private static List<String> strings(Dataset<Row> rows, String... columns) {
    return rows.select(Arrays.stream(columns).map(c -> col(c).cast("string").as(c)).toArray(Column[]::new))
        .collectAsList().stream()
        .map(r -> String.join("|", Arrays.stream(columns).map(c -> r.<String>getAs(c)).map(String::valueOf).toList()))
        .toList();
  }

  /**
   * docs/sessions.md rule 5: the first 32 hex characters of the SHA-256 of the JSON array
   * ["inactivity", cookie, first event's epoch microseconds, its event_id].
   */
  private static String inactivityKey(String cookie, String firstEventAt, String firstEventId) {
    long micros = Instant.parse(firstEventAt).toEpochMilli() * 1000L;
    String json = "[\"inactivity\",\"%s\",\"%d\",\"%s\"]".formatted(cookie, micros, firstEventId);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- writing the inputs ----

  /** Replaces the landing day's slice of bronze web_events with these events. */
  private void land(LocalDate landingDate, Event... events) {
    tables.ensure(BronzeTables.WEB_EVENTS);
    List<Row> rows = Arrays.stream(events).map(e -> e.row(landingDate)).toList();
    tables.replaceSlice(
        BronzeTables.WEB_EVENTS,
        spark.createDataFrame(rows, BronzeTables.WEB_EVENTS.schema()),
        landingDate,
        landingDate,
        null,
        "test");
  }

  /** Replaces the whole identity map, as the identity job's current state. */
  private void identityMap(Row... rows) {
    tables.ensure(SilverTables.IDENTITY_MAP);
    tables.replaceAll(
        SilverTables.IDENTITY_MAP,
        spark.createDataFrame(List.of(rows), SilverTables.IDENTITY_MAP.schema()),
        "test");
  }

  private static Row mapped(String type, String identifier, String key, boolean guarded, LocalDate keySince) {
    Timestamp seen = Timestamp.from(Instant.parse("2026-10-01T00:00:00Z"));
    return RowFactory.create(
        type, identifier, key, guarded, List.of("web_events"), seen, seen,
        Date.valueOf(LocalDate.of(2026, 10, 1)), Date.valueOf(keySince), Date.valueOf(keySince));
  }

  private static Event event(String id, String at, String cookie) {
    return new Event(id, at, "page_view", cookie, null, SHOP, null, null, null, false);
  }

  /** A bronze web event; the event date is the UTC date of its time (reporting zone UTC). */
  private record Event(
      String id, String at, String name, String cookie, String userId, String pageUrl,
      String utmSource, String utmMedium, String utmCampaign, boolean isLate) {
    Event named(String eventName) {
      return new Event(id, at, eventName, cookie, userId, pageUrl, utmSource, utmMedium, utmCampaign, isLate);
    }

    Event user(String userId) {
      return new Event(id, at, name, cookie, userId, pageUrl, utmSource, utmMedium, utmCampaign, isLate);
    }

    Event url(String pageUrl) {
      return new Event(id, at, name, cookie, userId, pageUrl, utmSource, utmMedium, utmCampaign, isLate);
    }

    Event utm(String source, String medium, String campaign) {
      return new Event(id, at, name, cookie, userId, pageUrl, source, medium, campaign, isLate);
    }

    Event late() {
      return new Event(id, at, name, cookie, userId, pageUrl, utmSource, utmMedium, utmCampaign, true);
    }

    Row row(LocalDate landingDate) {
      Instant instant = Instant.parse(at);
      return RowFactory.create(
          id, Timestamp.from(instant), Date.valueOf(instant.atZone(ZoneOffset.UTC).toLocalDate()),
          name, cookie, userId, null, null, pageUrl, null, utmSource, utmMedium, utmCampaign, null, isLate,
          "web_events/" + landingDate + "/part-0.jsonl", Date.valueOf(landingDate));
    }
  }
}
