package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;
import static org.journeywarehouse.silver.identity.IdentifierType.ANONYMOUS_ID;
import static org.journeywarehouse.silver.identity.IdentifierType.CUSTOMER_ID;
import static org.journeywarehouse.silver.identity.IdentifierType.DEVICE_ID;
import static org.journeywarehouse.silver.identity.IdentifierType.EMAIL;
import static org.journeywarehouse.silver.identity.IdentifierType.PHONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.spark.Whitespace;
import org.journeywarehouse.spark.NewestRows;

/**
 * The identity graph's nodes and links, from bronze: which identifiers were seen together on one
 * record, and the {@link ConnectedComponents} input built from them once {@link IdentityGuards}
 * has refused the junk. Pure: no catalog, clock or settings. See docs/identity-links.md.
 */
public final class IdentityLinks {
  static final String IDENTIFIER_TYPE = "identifier_type";
  static final String IDENTIFIER = "identifier";
  static final String TYPE_A = "type_a";
  static final String IDENTIFIER_A = "identifier_a";
  static final String TYPE_B = "type_b";
  static final String IDENTIFIER_B = "identifier_b";
  static final String SOURCE = "source";
  static final String RECORD_ID = "record_id";
  private static final String FIRST_SEEN = "first_seen_at";
  private static final String LAST_SEEN = "last_seen_at";
  private static final String FIRST_LANDING = "first_landing_date";
  private static final String UPDATED = "record_updated_at";
  private static final String VERSION_LANDING = "record_landing_date";
  private static final String VERSION_FILE = "record_source_file";
  /** The columns of identity_observations, in table order. */
  public static final List<String> OBSERVATION_COLUMNS =
      List.of(SOURCE, RECORD_ID, "identifier_type", "identifier", FIRST_SEEN, LAST_SEEN,
          FIRST_LANDING, UPDATED, VERSION_LANDING, VERSION_FILE);
  private static final String VERTEX = "vertex";
  private static final String RANK = "version_rank";

  private IdentityLinks() {}

  /**
   * Which identifiers each source record carries, the rows of {@code identity_observations}:
   * {@code source, record_id, identifier_type, identifier, first_seen_at, last_seen_at,
   * first_landing_date, record_updated_at, record_landing_date, record_source_file}, one row per
   * (source, record, type, identifier). Web events give their cookie, account ({@code user_id}
   * as customer_id) and device, folded to one record per distinct (cookie, account, device)
   * combination, since events are never corrected and millions of them carry few combinations;
   * orders their account, email, phone and cookie; tickets their email, phone and account;
   * surveys their email and account. Orders and tickets are re-delivered, so only each one's
   * newest version (updated_at, then landing_date, then source_file) counts, and its version is
   * kept so a later night can tell whether its own copy is newer: a corrected record replaces
   * the older one's links. Null and blank values (white space of any kind) are not identifiers.
   */
  public static Dataset<Row> observations(
      Dataset<Row> webEvents, Dataset<Row> orders, Dataset<Row> tickets, Dataset<Row> surveys) {
    return sightings(webCombinations(webEvents), "web_events",
            Map.of(ANONYMOUS_ID, "anonymous_id", CUSTOMER_ID, "user_id", DEVICE_ID, "device_id"))
        .union(sightings(versioned(latest(orders, "order_id"), "order_id"), "orders",
            Map.of(CUSTOMER_ID, "customer_id", EMAIL, "email_hash", PHONE, "phone_hash",
                ANONYMOUS_ID, "anonymous_id")))
        .union(sightings(versioned(latest(tickets, "ticket_id"), "ticket_id"), "support_tickets",
            Map.of(CUSTOMER_ID, "customer_id", EMAIL, "requester_email_hash",
                PHONE, "requester_phone_hash")))
        .union(sightings(unversioned(surveys, "response_id"), "survey_responses",
            Map.of(CUSTOMER_ID, "customer_id", EMAIL, "email_hash")))
        // Surveys can arrive in several deliveries: one sighting per record.
        .groupBy(SOURCE, RECORD_ID, IDENTIFIER_TYPE, IDENTIFIER)
        .agg(min(FIRST_SEEN).as(FIRST_SEEN), max(LAST_SEEN).as(LAST_SEEN),
            min(FIRST_LANDING).as(FIRST_LANDING), max(UPDATED).as(UPDATED),
            max(VERSION_LANDING).as(VERSION_LANDING), max(VERSION_FILE).as(VERSION_FILE));
  }

  /**
   * Merges two sets of observations of the same records kept apart in time (the stored ones and
   * a night's), as {@link #observations} would over both nights' input: versioned records
   * (orders, tickets) take the newer version's rows whole; the others combine their sightings.
   */
  public static Dataset<Row> combined(Dataset<Row> stored, Dataset<Row> fresh) {
    // The version of each versioned record on each side, then the winning side per record.
    Dataset<Row> versions =
        stored.select(col(SOURCE), col(RECORD_ID), lit(0).as("side"), col(UPDATED),
                col(VERSION_LANDING), col(VERSION_FILE))
            .union(fresh.select(col(SOURCE), col(RECORD_ID), lit(1).as("side"), col(UPDATED),
                col(VERSION_LANDING), col(VERSION_FILE)))
            .where(col(UPDATED).isNotNull())
            .distinct();
    Column newestFirst =
        row_number().over(Window.partitionBy(col(SOURCE), col(RECORD_ID))
            .orderBy(col(UPDATED).desc(), col(VERSION_LANDING).desc(), col(VERSION_FILE).asc(),
                col("side").desc()));
    Dataset<Row> winners =
        versions.withColumn(RANK, newestFirst).where(col(RANK).equalTo(1))
            .select(col(SOURCE), col(RECORD_ID), col("side").as("winning_side"));
    Dataset<Row> both =
        stored.withColumn("side", lit(0)).unionByName(fresh.withColumn("side", lit(1)))
            .join(winners, new String[] {SOURCE, RECORD_ID}, "left")
            .where(col("winning_side").isNull().or(col("winning_side").equalTo(col("side"))));
    return both
        .groupBy(SOURCE, RECORD_ID, IDENTIFIER_TYPE, IDENTIFIER)
        .agg(min(FIRST_SEEN).as(FIRST_SEEN), max(LAST_SEEN).as(LAST_SEEN),
            min(FIRST_LANDING).as(FIRST_LANDING), max(UPDATED).as(UPDATED),
            max(VERSION_LANDING).as(VERSION_LANDING), max(VERSION_FILE).as(VERSION_FILE))
        .select(OBSERVATION_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  /**
   * The graph's nodes: one row per (identifier_type, identifier) with {@code first_seen_at},
   * {@code last_seen_at}, {@code first_landing_date}, the sorted {@code sources} and {@code vertex} = {@code xxhash64(identifier_type, identifier)}, a
   * bigint id that needs no dictionary. Hashing can collide; check with {@link #vertexCollisions}.
   */
  public static Dataset<Row> identifiers(Dataset<Row> observations) {
    return observations
        .groupBy(IDENTIFIER_TYPE, IDENTIFIER)
        .agg(min(FIRST_SEEN).as(FIRST_SEEN), max(LAST_SEEN).as(LAST_SEEN),
            min(FIRST_LANDING).as(FIRST_LANDING),
            array_sort(collect_set(col(SOURCE))).as("sources"))
        .withColumn(VERTEX, xxhash64(col(IDENTIFIER_TYPE), col(IDENTIFIER)));
  }

  /**
   * The number of vertex ids shared by two or more identifiers (one action). Must be 0: a
   * collision would silently merge two unrelated people, so the caller fails the run otherwise.
   */
  public static long vertexCollisions(Dataset<Row> identifiers) {
    return identifiers
        .groupBy(VERTEX)
        .agg(countDistinct(col(IDENTIFIER_TYPE), col(IDENTIFIER)).as("identifiers"))
        .where(col("identifiers").gt(1))
        .count();
  }

  /**
   * Undirected links between identifiers seen on the same record, distinct: {@code type_a,
   * identifier_a, type_b, identifier_b} with (type_a, identifier_a) before (type_b, identifier_b).
   * Every pair of a record is linked, not just a star: a record holds at most four identifiers,
   * and with all pairs the guards count true fan-out and refusing one identifier does not cut
   * the record's other identifiers apart.
   */
  public static Dataset<Row> links(Dataset<Row> observations) {
    Dataset<Row> a = end(observations, TYPE_A, IDENTIFIER_A, "source_a", "record_a");
    Dataset<Row> b = end(observations, TYPE_B, IDENTIFIER_B, "source_b", "record_b");
    Column sameRecord =
        col("source_a").equalTo(col("source_b")).and(col("record_a").equalTo(col("record_b")));
    Column ordered =
        col(TYPE_A).lt(col(TYPE_B))
            .or(col(TYPE_A).equalTo(col(TYPE_B)).and(col(IDENTIFIER_A).lt(col(IDENTIFIER_B))));
    return a.join(b, sameRecord.and(ordered))
        .select(TYPE_A, IDENTIFIER_A, TYPE_B, IDENTIFIER_B)
        .distinct();
  }

  /**
   * The {@link ConnectedComponents#compute} input: {@code src, dst} (bigint vertices) for every
   * link with neither end in {@code guarded}, plus the self-loop (v, v) of every identifier, so
   * guarded and isolated identifiers still come out as components of their own.
   *
   * @param guarded identifiers refused for merging ({@link IdentityGuards#guarded})
   * @param identifiers the nodes with their vertex ids ({@link #identifiers})
   */
  public static Dataset<Row> edges(
      Dataset<Row> links, Dataset<Row> guarded, Dataset<Row> identifiers) {
    Dataset<Row> usable =
        withoutGuarded(withoutGuarded(links, guarded, TYPE_A, IDENTIFIER_A), guarded, TYPE_B,
            IDENTIFIER_B);
    Dataset<Row> withVertices =
        withVertex(withVertex(usable, identifiers, TYPE_A, IDENTIFIER_A, "src"), identifiers,
            TYPE_B, IDENTIFIER_B, "dst");
    return withVertices
        .select("src", "dst")
        .union(identifiers.select(col(VERTEX).as("src"), col(VERTEX).as("dst")));
  }

  /**
   * Web events folded to one record per distinct (cookie, account, device), blanks as null:
   * record_id is the JSON array of the three, readable and unambiguous whatever the ids hold.
   */
  private static Dataset<Row> webCombinations(Dataset<Row> webEvents) {
    Dataset<Row> cleaned =
        webEvents.select(col("event_ts"), col("landing_date"), blankAsNull("anonymous_id"),
            blankAsNull("user_id"), blankAsNull("device_id"));
    return cleaned
        .groupBy("anonymous_id", "user_id", "device_id")
        .agg(min("event_ts").as(FIRST_SEEN), max("event_ts").as(LAST_SEEN),
            min("landing_date").as(FIRST_LANDING))
        .withColumn(RECORD_ID,
            to_json(array(col("anonymous_id"), col("user_id"), col("device_id"))))
        .withColumn(UPDATED, lit(null).cast(DataTypes.TimestampType))
        .withColumn(VERSION_LANDING, lit(null).cast(DataTypes.DateType))
        .withColumn(VERSION_FILE, lit(null).cast(DataTypes.StringType));
  }

  /** A record with its version: the newest updated_at and the delivery that carried it. */
  private static Dataset<Row> versioned(Dataset<Row> latest, String key) {
    return asRecord(latest, key, col("updated_at"), col("landing_date"), col("source_file"));
  }

  /** A record that is never corrected: every delivery of it adds the same sightings. */
  private static Dataset<Row> unversioned(Dataset<Row> records, String key) {
    return asRecord(records, key, lit(null).cast(DataTypes.TimestampType),
        lit(null).cast(DataTypes.DateType), lit(null).cast(DataTypes.StringType));
  }

  /** Record columns of one order, ticket or response, sighted at its creation. */
  private static Dataset<Row> asRecord(
      Dataset<Row> records, String key, Column updated, Column versionLanding, Column versionFile) {
    return records
        .withColumn(RECORD_ID, col(key).cast("string"))
        .withColumn(FIRST_SEEN, col("created_at"))
        .withColumn(LAST_SEEN, col("created_at"))
        .withColumn(FIRST_LANDING, col("landing_date"))
        .withColumn(UPDATED, updated)
        .withColumn(VERSION_LANDING, versionLanding)
        .withColumn(VERSION_FILE, versionFile);
  }

  /** One sighting per non-blank identifier column of each record. */
  private static Dataset<Row> sightings(
      Dataset<Row> records, String source, Map<IdentifierType, String> columns) {
    List<Column> identifiers = new ArrayList<>();
    // Enum order, not the map's, so the plan is the same on every run.
    for (IdentifierType type : IdentifierType.values()) {
      if (columns.containsKey(type)) {
        identifiers.add(struct(lit(type.code()).as(IDENTIFIER_TYPE),
            col(columns.get(type)).cast("string").as(IDENTIFIER)));
      }
    }
    return records
        .select(lit(source).as(SOURCE), col(RECORD_ID), col(FIRST_SEEN), col(LAST_SEEN),
            col(FIRST_LANDING), col(UPDATED), col(VERSION_LANDING), col(VERSION_FILE),
            explode(array(identifiers.toArray(Column[]::new))).as("id"))
        .select(col(SOURCE), col(RECORD_ID), col("id." + IDENTIFIER_TYPE),
            col("id." + IDENTIFIER), col(FIRST_SEEN), col(LAST_SEEN), col(FIRST_LANDING),
            col(UPDATED), col(VERSION_LANDING), col(VERSION_FILE))
        .where(col(IDENTIFIER).isNotNull().and(col(IDENTIFIER).rlike(Whitespace.ONLY).unary_$bang()));
  }

  private static Column blankAsNull(String column) {
    return when(col(column).rlike(Whitespace.ONLY), lit(null).cast("string"))
        .otherwise(col(column)).as(column);
  }

  /** Newest version per key; ties broken by the later delivery, then the file name. */
  private static Dataset<Row> latest(Dataset<Row> records, String key) {
    return NewestRows.firstPerKey(records, key, col("updated_at").desc_nulls_last(),
        col("landing_date").desc_nulls_last(), col("source_file").asc_nulls_last());
  }

  private static Dataset<Row> end(
      Dataset<Row> observations, String type, String identifier, String source, String record) {
    return observations.select(col(SOURCE).as(source), col(RECORD_ID).as(record),
        col(IDENTIFIER_TYPE).as(type), col(IDENTIFIER).as(identifier));
  }

  private static Dataset<Row> withoutGuarded(
      Dataset<Row> links, Dataset<Row> guarded, String type, String identifier) {
    Dataset<Row> refused =
        guarded.select(col(IDENTIFIER_TYPE).as("refused_type"),
            col(IDENTIFIER).as("refused_identifier"));
    Column isRefused =
        col(type)
            .equalTo(col("refused_type"))
            .and(col(identifier).equalTo(col("refused_identifier")));
    return links.join(refused, isRefused, "left_anti");
  }

  private static Dataset<Row> withVertex(Dataset<Row> links, Dataset<Row> identifiers,
      String type, String identifier, String vertexAs) {
    Dataset<Row> vertices =
        identifiers.select(col(IDENTIFIER_TYPE).as("vertex_type"),
            col(IDENTIFIER).as("vertex_identifier"), col(VERTEX).as(vertexAs));
    Column sameNode =
        col(type)
            .equalTo(col("vertex_type"))
            .and(col(identifier).equalTo(col("vertex_identifier")));
    return links.join(vertices, sameNode).drop("vertex_type", "vertex_identifier");
  }
}
