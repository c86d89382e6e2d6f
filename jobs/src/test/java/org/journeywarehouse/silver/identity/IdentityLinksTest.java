package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.silver.identity.IdentifierType.ANONYMOUS_ID;
import static org.journeywarehouse.silver.identity.IdentifierType.CUSTOMER_ID;
import static org.journeywarehouse.silver.identity.IdentifierType.EMAIL;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class IdentityLinksTest {
  private static final StructType WEB_EVENTS =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_ts", DataTypes.TimestampType)
          .add("anonymous_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("device_id", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType ORDERS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("created_at", DataTypes.TimestampType)
          .add("customer_id", DataTypes.StringType)
          .add("email_hash", DataTypes.StringType)
          .add("phone_hash", DataTypes.StringType)
          .add("anonymous_id", DataTypes.StringType)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType TICKETS =
      new StructType()
          .add("ticket_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("created_at", DataTypes.TimestampType)
          .add("requester_email_hash", DataTypes.StringType)
          .add("requester_phone_hash", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType SURVEYS =
      new StructType()
          .add("response_id", DataTypes.StringType)
          .add("created_at", DataTypes.TimestampType)
          .add("email_hash", DataTypes.StringType)
          .add("customer_id", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType OBSERVATIONS =
      new StructType()
          .add("source", DataTypes.StringType)
          .add("record_id", DataTypes.StringType)
          .add("identifier_type", DataTypes.StringType)
          .add("identifier", DataTypes.StringType)
          .add("seen_at", DataTypes.TimestampType);
  private static final StructType LINKS =
      new StructType()
          .add("type_a", DataTypes.StringType)
          .add("identifier_a", DataTypes.StringType)
          .add("type_b", DataTypes.StringType)
          .add("identifier_b", DataTypes.StringType);
  private static final StructType GUARDED =
      new StructType()
          .add("identifier_type", DataTypes.StringType)
          .add("identifier", DataTypes.StringType)
          .add("linked_type", DataTypes.StringType)
          .add("reason", DataTypes.StringType)
          .add("linked_count", DataTypes.LongType);
  private static final StructType MEMBERS = new StructType().add("members", DataTypes.StringType);
  private static final Map<IdentifierType, Integer> FIVE_ACCOUNTS = Map.of(CUSTOMER_ID, 5);

  @Test
  void aVisitorWhoLogsInBuysAsGuestAndWritesToSupportIsOnePerson() {
    // ev-1: cookie a1 on device d-1, not logged in (user_id is a no-break space: blank, ignored).
    // ev-2: a1 logs in as c-1. o-1: guest checkout with email e1 from a1. t-1: ticket from e1.
    Dataset<Row> web =
        rows(WEB_EVENTS,
            web("ev-1", "11-01T09:00", "a1", "\u00A0", "d-1"),
            web("ev-2", "11-01T09:05", "a1", "c-1", null));
    Dataset<Row> orders =
        rows(ORDERS, order("o-1", "11-01T10:00", "11-01T09:10", null, "e1", null, "a1", "11-01"));
    Dataset<Row> tickets = rows(TICKETS, ticket("t-1", "11-03T08:00", "e1", null, "11-03"));

    Dataset<Row> observations = IdentityLinks.observations(web, orders, tickets, noSurveys());

    assertSameRows(
        rows(OBSERVATIONS,
            // Web events fold into one record per (cookie, account, device); the blank
            // user_id of ev-1 is null there.
            seen("web_events", "[\"a1\",null,\"d-1\"]", "anonymous_id", "a1", "11-01T09:00"),
            seen("web_events", "[\"a1\",null,\"d-1\"]", "device_id", "d-1", "11-01T09:00"),
            seen("web_events", "[\"a1\",\"c-1\",null]", "anonymous_id", "a1", "11-01T09:05"),
            seen("web_events", "[\"a1\",\"c-1\",null]", "customer_id", "c-1", "11-01T09:05"),
            seen("orders", "o-1", "anonymous_id", "a1", "11-01T09:10"),
            seen("orders", "o-1", "email", "e1", "11-01T09:10"),
            seen("support_tickets", "t-1", "email", "e1", "11-03T08:00")),
        sightings(observations));
    // One link per pair of identifiers on a record, types in code order; t-1 has one identifier.
    Dataset<Row> links = IdentityLinks.links(observations);
    assertSameRows(
        rows(LINKS,
            link("anonymous_id", "a1", "device_id", "d-1"),
            link("anonymous_id", "a1", "customer_id", "c-1"),
            link("anonymous_id", "a1", "email", "e1")),
        links);
    // a1 links one account, so nothing is guarded, and the star around a1 is one component.
    Dataset<Row> guarded = IdentityGuards.guarded(links, FIVE_ACCOUNTS, false);
    assertThat(guarded.isEmpty()).isTrue();
    assertSameRows(
        members("anonymous_id:a1 customer_id:c-1 device_id:d-1 email:e1"),
        partition(links, guarded, IdentityLinks.identifiers(observations)));
  }

  @Test
  void onlyTheNewestVersionOfAnOrderOrTicketLinks() {
    // o-2 says e1 (updated 11-02 10:00), then is corrected to e2 (updated 11-03 12:00); the
    // 11-04 delivery re-sends the old e1 version: updated_at, not delivery, decides, so e2 wins.
    // t-2 is delivered twice with the same updated_at: the later delivery (11-03, phone p2) wins.
    Dataset<Row> orders =
        rows(ORDERS,
            order("o-2", "11-02T10:00", "11-02T09:00", "c-2", "e1", null, null, "11-02"),
            order("o-2", "11-03T12:00", "11-02T09:00", "c-2", "e2", null, null, "11-03"),
            order("o-2", "11-02T10:00", "11-02T09:00", "c-2", "e1", null, null, "11-04"));
    Dataset<Row> tickets =
        rows(TICKETS,
            ticket("t-2", "11-02T08:00", "e2", "p1", "11-02"),
            ticket("t-2", "11-02T08:00", "e2", "p2", "11-03"));

    Dataset<Row> observations =
        IdentityLinks.observations(noWebEvents(), orders, tickets, noSurveys());

    assertSameRows(
        rows(OBSERVATIONS,
            seen("orders", "o-2", "customer_id", "c-2", "11-02T09:00"),
            seen("orders", "o-2", "email", "e2", "11-02T09:00"),
            seen("support_tickets", "t-2", "email", "e2", "11-02T08:00"),
            seen("support_tickets", "t-2", "phone", "p2", "11-02T08:00")),
        sightings(observations));
    // e1 and p1 link nothing any more: the corrected records un-glue them.
    assertSameRows(
        rows(LINKS,
            link("customer_id", "c-2", "email", "e2"),
            link("email", "e2", "phone", "p2")),
        IdentityLinks.links(observations));
  }

  @Test
  void aCookieSharedBySixAccountsIsGuardedAndMergesNobody() {
    // The shop tablet's cookie "shared" logs into u-1 .. u-6: 6 distinct accounts > limit 5.
    // u-1 also has a cookie of its own, a1, which links one account and is kept.
    Dataset<Row> web =
        rows(WEB_EVENTS,
            web("ev-1", "11-01T10:00", "shared", "u-1", null),
            web("ev-2", "11-01T10:01", "shared", "u-2", null),
            web("ev-3", "11-01T10:02", "shared", "u-3", null),
            web("ev-4", "11-01T10:03", "shared", "u-4", null),
            web("ev-5", "11-01T10:04", "shared", "u-5", null),
            web("ev-6", "11-01T10:05", "shared", "u-6", null),
            web("ev-7", "11-01T20:00", "a1", "u-1", null));
    Dataset<Row> observations =
        IdentityLinks.observations(web, noOrders(), noTickets(), noSurveys());
    Dataset<Row> links = IdentityLinks.links(observations);

    // Both rules hold (6 > 5, and 6 >= 2 accounts); the fan-out reason names the limit.
    Dataset<Row> expected =
        rows(GUARDED,
            refused("anonymous_id", "shared", "customer_id", "links 6 customer_id identifiers (limit 5)", 6));
    Dataset<Row> guarded = IdentityGuards.guarded(links, FIVE_ACCOUNTS, false);
    assertSameRows(expected, guarded);
    assertSameRows(expected, IdentityGuards.guarded(links, FIVE_ACCOUNTS, true));
    // Without the hub's links: {a1, u-1}, five lone accounts and the hub on its own.
    assertSameRows(
        members(
            "anonymous_id:a1 customer_id:u-1",
            "customer_id:u-2",
            "customer_id:u-3",
            "customer_id:u-4",
            "customer_id:u-5",
            "customer_id:u-6",
            "anonymous_id:shared"),
        partition(links, guarded, IdentityLinks.identifiers(observations)));
  }

  @Test
  void aFamilyEmailOfTwoAccountsMergesThemOnlyWhenAccountsMayMerge() {
    // s-1 and s-2 answer from the same email "fam" as two store accounts, c-1 and c-2.
    Dataset<Row> surveys =
        rows(SURVEYS, survey("s-1", "11-01T12:00", "fam", "c-1"),
            survey("s-2", "11-02T12:00", "fam", "c-2"));
    Dataset<Row> observations =
        IdentityLinks.observations(noWebEvents(), noOrders(), noTickets(), surveys);
    Dataset<Row> links = IdentityLinks.links(observations);
    Dataset<Row> identifiers = IdentityLinks.identifiers(observations);

    // By default: 2 accounts is below the fan-out limit of 5, but fam would glue two accounts.
    Dataset<Row> guarded = IdentityGuards.guarded(links, FIVE_ACCOUNTS, false);
    assertSameRows(rows(GUARDED, refused("email", "fam", "customer_id", "links 2 store accounts", 2)), guarded);
    assertSameRows(
        members("customer_id:c-1", "customer_id:c-2", "email:fam"),
        partition(links, guarded, identifiers));

    Dataset<Row> merging = IdentityGuards.guarded(links, FIVE_ACCOUNTS, true);
    assertThat(merging.isEmpty()).isTrue();
    assertSameRows(
        members("customer_id:c-1 customer_id:c-2 email:fam"),
        partition(links, merging, identifiers));
  }

  @Test
  void anAccountsOwnCookiesDoNotCountTowardsItsFanOut() {
    // Cookie limit 2. Account c-9 logs in from 3 cookies (k1..k3): one person, not guarded.
    // Guest orders from 3 cookies (g1..g3) all give the email "test": 3 > 2, guarded.
    Dataset<Row> web =
        rows(WEB_EVENTS,
            web("ev-1", "11-01T09:00", "k1", "c-9", null),
            web("ev-2", "11-02T09:00", "k2", "c-9", null),
            web("ev-3", "11-03T09:00", "k3", "c-9", null));
    Dataset<Row> orders =
        rows(ORDERS,
            order("o-1", "11-01T10:00", "11-01T10:00", null, "test", null, "g1", "11-01"),
            order("o-2", "11-01T11:00", "11-01T11:00", null, "test", null, "g2", "11-01"),
            order("o-3", "11-01T12:00", "11-01T12:00", null, "test", null, "g3", "11-01"));
    Dataset<Row> links =
        IdentityLinks.links(IdentityLinks.observations(web, orders, noTickets(), noSurveys()));

    assertSameRows(
        rows(GUARDED,
            refused("email", "test", "anonymous_id", "links 3 anonymous_id identifiers (limit 2)", 3)),
        IdentityGuards.guarded(links, Map.of(ANONYMOUS_ID, 2, CUSTOMER_ID, 5), false));
  }

  @Test
  void identifiersHaveFirstAndLastSeenAndDistinctVertices() {
    // a1: ev-1 09:00 (delivered twice, one sighting), ev-2 09:05, o-1 created 09:10.
    // "x" is a cookie on ev-2 and an account on o-1: two identifiers, two vertices.
    Dataset<Row> web =
        rows(WEB_EVENTS,
            web("ev-1", "11-01T09:00", "a1", null, null),
            web("ev-1", "11-01T09:00", "a1", null, null, "11-02"),
            web("ev-2", "11-01T09:05", "a1", null, null),
            web("ev-3", "11-01T09:06", "x", null, null));
    Dataset<Row> orders =
        rows(ORDERS, order("o-1", "11-01T09:10", "11-01T09:10", "x", null, null, "a1", "11-01"));
    Dataset<Row> observations = IdentityLinks.observations(web, orders, noTickets(), noSurveys());
    Dataset<Row> identifiers = IdentityLinks.identifiers(observations);

    StructType seenShape =
        new StructType()
            .add("identifier_type", DataTypes.StringType)
            .add("identifier", DataTypes.StringType)
            .add("first_seen_at", DataTypes.TimestampType)
            .add("last_seen_at", DataTypes.TimestampType);
    assertSameRows(
        rows(seenShape,
            new Object[] {"anonymous_id", "a1", at("11-01T09:00"), at("11-01T09:10")},
            new Object[] {"anonymous_id", "x", at("11-01T09:06"), at("11-01T09:06")},
            new Object[] {"customer_id", "x", at("11-01T09:10"), at("11-01T09:10")}),
        identifiers.select("identifier_type", "identifier", "first_seen_at", "last_seen_at"));
    assertThat(identifiers.schema().apply("vertex").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(identifiers.select("vertex").distinct().count()).isEqualTo(3);
    assertThat(IdentityLinks.vertexCollisions(identifiers)).isZero();
    // Forcing both x's onto one vertex is one collision.
    Dataset<Row> collided =
        identifiers.withColumn("vertex", lit(7L)).where(col("identifier").equalTo("x"));
    assertThat(IdentityLinks.vertexCollisions(collided)).isEqualTo(1);
  }

  @Test
  void aFanOutLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> IdentityGuards.guarded(noLinks(), Map.of(EMAIL, 0), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The fan-out limit for email identifiers must be at least 1, got 0");
  }

  /** The components as "type:identifier" members, sorted and space-separated, one per row. */
  private static Dataset<Row> partition(
      Dataset<Row> links, Dataset<Row> guarded, Dataset<Row> identifiers) {
    Dataset<Row> edges = IdentityLinks.edges(links, guarded, identifiers);
    Dataset<Row> components = ConnectedComponents.compute(edges, 20).components();
    return identifiers
        .join(components, "vertex")
        .groupBy("component")
        .agg(concat_ws(" ",
                array_sort(collect_list(concat_ws(":", col("identifier_type"), col("identifier")))))
            .as("members"))
        .select("members");
  }

  /** The observations' first sightings, as the OBSERVATIONS shape lists them. */
  private static Dataset<Row> sightings(Dataset<Row> observations) {
    return observations.select(col("source"), col("record_id"), col("identifier_type"),
        col("identifier"), col("first_seen_at").as("seen_at"));
  }

  private static Dataset<Row> members(String... components) {
    Object[][] rows = new Object[components.length][];
    for (int i = 0; i < components.length; i++) {
      rows[i] = new Object[] {components[i]};
    }
    return rows(MEMBERS, rows);
  }

  private static Object[] web(
      String id, String ts, String anonymousId, String userId, String deviceId) {
    return web(id, ts, anonymousId, userId, deviceId, ts.substring(0, 5));
  }

  private static Object[] web(String id, String ts, String anonymousId, String userId,
      String deviceId, String landingDay) {
    return new Object[] {id, at(ts), anonymousId, userId, deviceId, day(landingDay)};
  }

  private static Object[] order(String id, String updatedAt, String createdAt, String customerId,
      String email, String phone, String anonymousId, String landingDay) {
    return new Object[] {
      id, at(updatedAt), at(createdAt), customerId, email, phone, anonymousId,
      "orders/" + landingDay + "/part-0.jsonl", day(landingDay)
    };
  }

  /** A ticket opened at its update time, without an account. */
  private static Object[] ticket(
      String id, String updatedAt, String email, String phone, String landingDay) {
    return new Object[] {
      id, at(updatedAt), at(updatedAt), email, phone, null,
      "tickets/" + landingDay + "/part-0.jsonl", day(landingDay)
    };
  }

  private static Object[] survey(String id, String createdAt, String email, String customerId) {
    return new Object[] {id, at(createdAt), email, customerId, day(createdAt.substring(0, 5))};
  }

  private static Object[] seen(
      String source, String recordId, String type, String identifier, String seenAt) {
    return new Object[] {source, recordId, type, identifier, at(seenAt)};
  }

  private static Object[] link(String typeA, String a, String typeB, String b) {
    return new Object[] {typeA, a, typeB, b};
  }

  private static Object[] refused(
      String type, String identifier, String linkedType, String reason, long count) {
    return new Object[] {type, identifier, linkedType, reason, count};
  }

  private static Dataset<Row> noWebEvents() {
    return rows(WEB_EVENTS);
  }

  private static Dataset<Row> noOrders() {
    return rows(ORDERS);
  }

  private static Dataset<Row> noTickets() {
    return rows(TICKETS);
  }

  private static Dataset<Row> noSurveys() {
    return rows(SURVEYS);
  }

  private static Dataset<Row> noLinks() {
    return rows(LINKS);
  }

  /** A time in November 2026, UTC, from "MM-ddTHH:mm". */
  private static Timestamp at(String monthDayTime) {
    return Timestamp.from(Instant.parse("2026-" + monthDayTime + ":00Z"));
  }

  private static Date day(String monthDay) {
    return Date.valueOf("2026-" + monthDay);
  }
}
