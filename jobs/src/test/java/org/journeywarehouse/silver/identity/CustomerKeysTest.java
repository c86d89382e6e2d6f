package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CustomerKeysTest {
  private static final StructType IDENTIFIERS =
      new StructType()
          .add("identifier_type", DataTypes.StringType)
          .add("identifier", DataTypes.StringType)
          .add("first_seen_at", DataTypes.TimestampType)
          .add("last_seen_at", DataTypes.TimestampType)
          .add("first_landing_date", DataTypes.DateType)
          .add("vertex", DataTypes.LongType);
  private static final StructType COMPONENTS =
      new StructType().add("vertex", DataTypes.LongType).add("component", DataTypes.LongType);
  private static final StructType ASSIGNED =
      new StructType()
          .add("identifier_type", DataTypes.StringType)
          .add("identifier", DataTypes.StringType)
          .add("vertex", DataTypes.LongType)
          .add("customer_key", DataTypes.StringType)
          .add("anchor_type", DataTypes.StringType)
          .add("anchor_identifier", DataTypes.StringType)
          .add("first_seen_at", DataTypes.TimestampType)
          .add("last_seen_at", DataTypes.TimestampType);
  private static final StructType MAP =
      new StructType()
          .add("identifier_type", DataTypes.StringType)
          .add("identifier", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType);
  private static final StructType CHANGES =
      new StructType()
          .add("change_date", DataTypes.DateType)
          .add("change_type", DataTypes.StringType)
          .add("customer_key", DataTypes.StringType)
          .add("other_key", DataTypes.StringType)
          .add("identifiers", DataTypes.LongType);
  private static final StructType CHURN =
      new StructType()
          .add("change_type", DataTypes.StringType)
          .add("keys", DataTypes.LongType)
          .add("identifiers", DataTypes.LongType);

  // The two-nights example. Cookie a1 (day 1) logs in as c1 (day 3): one person. Cookie a2
  // (day 2) gives email e2 at a guest checkout (day 4): another. Vertices 1..4.
  private static final Object[] A1 = identifier("anonymous_id", "a1", "11-01T09:00", 1);
  private static final Object[] C1 = identifier("customer_id", "c1", "11-03T09:00", 2);
  private static final Object[] A2 = identifier("anonymous_id", "a2", "11-02T09:00", 3);
  private static final Object[] E2 = identifier("email", "e2", "11-04T09:00", 4);
  private static final String KEY_A1 = key("anonymous_id", "a1");
  private static final String KEY_A2 = key("anonymous_id", "a2");
  private static final LocalDate NIGHT_2 = LocalDate.of(2026, 11, 6);
  private static final LocalDate NIGHT_3 = LocalDate.of(2026, 11, 7);

  @Test
  void theAnchorIsTheFirstDeliveredMemberTiesByTypeThenIdentifier() {
    // Each identifier is delivered on the day it is first seen (the helper's landing day).
    // Component 1: x, y (customer_id), z (email) and cookie u are all first delivered on 11-01,
    // w on 11-02. Within the day the time of sighting does not count (u, seen last, at 23:00,
    // still wins): type decides (anonymous_id < customer_id < email), then identifier.
    // Component 5: email m (day 1) before cookie n (day 3): the day beats type, anchor m.
    Object[] w = identifier("anonymous_id", "w", "11-02T09:00", 1);
    Object[] x = identifier("customer_id", "x", "11-01T09:00", 2);
    Object[] y = identifier("customer_id", "y", "11-01T09:00", 3);
    Object[] z = identifier("email", "z", "11-01T09:00", 4);
    Object[] m = identifier("email", "m", "11-01T10:00", 5);
    Object[] n = identifier("anonymous_id", "n", "11-03T10:00", 6);
    Object[] u = identifier("anonymous_id", "u", "11-01T23:00", 7);

    Dataset<Row> assigned =
        CustomerKeys.assign(
            rows(IDENTIFIERS, w, x, y, z, m, n, u),
            components(new long[] {1, 1}, new long[] {2, 1}, new long[] {3, 1},
                new long[] {4, 1}, new long[] {5, 5}, new long[] {6, 5}, new long[] {7, 1}));

    String keyU = key("anonymous_id", "u");
    String keyM = key("email", "m");
    assertSameRows(
        rows(ASSIGNED,
            assigned(w, keyU, "anonymous_id", "u"),
            assigned(x, keyU, "anonymous_id", "u"),
            assigned(y, keyU, "anonymous_id", "u"),
            assigned(z, keyU, "anonymous_id", "u"),
            assigned(u, keyU, "anonymous_id", "u"),
            assigned(m, keyM, "email", "m"),
            assigned(n, keyM, "email", "m")),
        assigned.select("identifier_type", "identifier", "vertex", "customer_key", "anchor_type",
            "anchor_identifier", "first_seen_at", "last_seen_at"));
  }

  @Test
  void aMergeAcrossTwoNightsKeepsTheOldestKey() {
    Dataset<Row> night1 = map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, A2, E2), night1()));
    // Night 1: {a1, c1} anchored by a1 (day 1 < day 3), {a2, e2} by a2 (day 2 < day 4).
    assertSameRows(
        rows(MAP,
            mapped("anonymous_id", "a1", KEY_A1), mapped("customer_id", "c1", KEY_A1),
            mapped("anonymous_id", "a2", KEY_A2), mapped("email", "e2", KEY_A2)),
        night1);

    // Night 2 links c1 to e2: one component, whose oldest member is a1 (day 1 < day 2).
    Dataset<Row> night2 = map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, A2, E2), linked()));
    assertSameRows(
        rows(MAP,
            mapped("anonymous_id", "a1", KEY_A1), mapped("customer_id", "c1", KEY_A1),
            mapped("anonymous_id", "a2", KEY_A1), mapped("email", "e2", KEY_A1)),
        night2);

    // a2's key is no longer live and both its identifiers sit under a1's: merged, 2 moved.
    Dataset<Row> changes = CustomerKeys.changes(night1, night2, NIGHT_2);
    assertSameRows(rows(CHANGES, change(NIGHT_2, "merged", KEY_A2, KEY_A1, 2)), changes);
    assertSameRows(
        rows(CHURN, churn("created", 0, 0), churn("merged", 1, 2), churn("split", 0, 0),
            churn("retired", 0, 0)),
        CustomerKeys.churn(changes));
  }

  @Test
  void aSplitWhenTheLinkDisappearsGivesTheFragmentItsOwnAnchorsKey() {
    Dataset<Row> night2 = map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, A2, E2), linked()));
    // Night 3: the c1-e2 link is withdrawn, the components are night 1's again.
    Dataset<Row> night3 = map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, A2, E2), night1()));

    // {a1, c1} keeps a1's key; {a2, e2} is anchored by a2 again and gets a2's key back.
    assertSameRows(
        rows(MAP,
            mapped("anonymous_id", "a1", KEY_A1), mapped("customer_id", "c1", KEY_A1),
            mapped("anonymous_id", "a2", KEY_A2), mapped("email", "e2", KEY_A2)),
        night3);
    // a2's key was not live on night 2 and holds 2 identifiers of a1's key, which is still live.
    Dataset<Row> changes = CustomerKeys.changes(night2, night3, NIGHT_3);
    assertSameRows(rows(CHANGES, change(NIGHT_3, "split", KEY_A2, KEY_A1, 2)), changes);
    assertSameRows(
        rows(CHURN, churn("created", 0, 0), churn("merged", 0, 0), churn("split", 1, 2),
            churn("retired", 0, 0)),
        CustomerKeys.churn(changes));
  }

  @Test
  void aBrandNewPersonIsCreatedAndAnErasedOneRetired() {
    // Night 1: {a1, c1} and a lone cookie d1. Night 2: d1 was erased, cookie n1 is new (vertex 6).
    Object[] d1 = identifier("anonymous_id", "d1", "11-02T12:00", 5);
    Object[] n1 = identifier("anonymous_id", "n1", "11-05T12:00", 6);
    Dataset<Row> night1 =
        map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, d1),
            components(new long[] {1, 1}, new long[] {2, 1}, new long[] {5, 5})));
    Dataset<Row> night2 =
        map(CustomerKeys.assign(rows(IDENTIFIERS, A1, C1, n1),
            components(new long[] {1, 1}, new long[] {2, 1}, new long[] {6, 6})));

    assertSameRows(
        rows(MAP,
            mapped("anonymous_id", "a1", KEY_A1), mapped("customer_id", "c1", KEY_A1),
            mapped("anonymous_id", "n1", key("anonymous_id", "n1"))),
        night2);
    // n1's key is new and holds only new identifiers (1); d1's key has no identifier left (it
    // had 1); a1's key is unchanged and not reported.
    Dataset<Row> changes = CustomerKeys.changes(night1, night2, NIGHT_2);
    assertSameRows(
        rows(CHANGES,
            change(NIGHT_2, "created", key("anonymous_id", "n1"), null, 1),
            change(NIGHT_2, "retired", key("anonymous_id", "d1"), null, 1)),
        changes);
    assertSameRows(
        rows(CHURN, churn("created", 1, 1), churn("merged", 0, 0), churn("split", 0, 0),
            churn("retired", 1, 1)),
        CustomerKeys.churn(changes));
  }

  @Test
  void aFullRebuildGivesTheSameKeysAsIncrementalNights() {
    // Sightings per day: days 1-4 as in the two-nights example; on day 5 c1 and e2 are seen on
    // the record that links them. Incremental: night 1's identifiers folded with day 5's.
    // Rebuild: every day's sightings folded at once. Same components (night 2's, linked).
    Dataset<Row> beforeDay5 = rows(IDENTIFIERS, A1, C1, A2, E2);
    Dataset<Row> day5 =
        rows(IDENTIFIERS,
            identifier("customer_id", "c1", "11-05T09:00", 2),
            identifier("email", "e2", "11-05T09:00", 4));
    Dataset<Row> incremental = fold(fold(beforeDay5).union(fold(day5)));
    Dataset<Row> rebuild = fold(beforeDay5.union(day5));

    Dataset<Row> incrementalMap = map(CustomerKeys.assign(incremental, linked()));
    assertSameRows(map(CustomerKeys.assign(rebuild, linked())), incrementalMap);
    // And both are a1's key throughout: day 5 moved last_seen_at, not the anchor.
    assertSameRows(
        rows(MAP,
            mapped("anonymous_id", "a1", KEY_A1), mapped("customer_id", "c1", KEY_A1),
            mapped("anonymous_id", "a2", KEY_A1), mapped("email", "e2", KEY_A1)),
        incrementalMap);
  }

  /** The key, derived independently of Spark: "ck_" + first 24 hex of SHA-256("type|id"). */
  private static String key(String type, String identifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((type + "|" + identifier).getBytes(StandardCharsets.UTF_8));
      return "ck_" + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Identifiers with the same vertex folded into one: earliest first, latest last sighting. */
  private static Dataset<Row> fold(Dataset<Row> identifiers) {
    return identifiers
        .groupBy("identifier_type", "identifier", "vertex")
        .agg(min("first_seen_at").as("first_seen_at"), max("last_seen_at").as("last_seen_at"),
            min("first_landing_date").as("first_landing_date"))
        .select("identifier_type", "identifier", "first_seen_at", "last_seen_at",
            "first_landing_date", "vertex");
  }

  private static Dataset<Row> map(Dataset<Row> assigned) {
    return assigned.select("identifier_type", "identifier", "customer_key");
  }

  /** Night 1 and night 3: {a1, c1} and {a2, e2}, labelled by their smallest vertex. */
  private static Dataset<Row> night1() {
    return components(new long[] {1, 1}, new long[] {2, 1}, new long[] {3, 3}, new long[] {4, 3});
  }

  /** Night 2: the c1-e2 link joins all four. */
  private static Dataset<Row> linked() {
    return components(new long[] {1, 1}, new long[] {2, 1}, new long[] {3, 1}, new long[] {4, 1});
  }

  private static Dataset<Row> components(long[]... vertexAndComponent) {
    Object[][] rows = new Object[vertexAndComponent.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {vertexAndComponent[i][0], vertexAndComponent[i][1]};
    }
    return rows(COMPONENTS, rows);
  }

  /** An identifier seen once, at {@code seenAt} ("MM-ddTHH:mm", November 2026, UTC). */
  private static Object[] identifier(String type, String identifier, String seenAt, long vertex) {
    // Delivered on the day it was seen: the landing day orders anchors as the timestamp does.
    return new Object[] {
      type, identifier, at(seenAt), at(seenAt), java.sql.Date.valueOf("2026-" + seenAt.substring(0, 5)),
      vertex
    };
  }

  private static Object[] assigned(
      Object[] identifier, String key, String anchorType, String anchorIdentifier) {
    return new Object[] {
      identifier[0], identifier[1], identifier[5], key, anchorType, anchorIdentifier,
      identifier[2], identifier[3]
    };
  }

  private static Object[] mapped(String type, String identifier, String key) {
    return new Object[] {type, identifier, key};
  }

  private static Object[] change(
      LocalDate date, String type, String key, String otherKey, long identifiers) {
    return new Object[] {Date.valueOf(date), type, key, otherKey, identifiers};
  }

  private static Object[] churn(String type, long keys, long identifiers) {
    return new Object[] {type, keys, identifiers};
  }

  private static Timestamp at(String monthDayTime) {
    return Timestamp.from(Instant.parse("2026-" + monthDayTime + ":00Z"));
  }
}
