package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Stable customer keys: a component's key is a pure function of its members, the key of its
 * anchor (the member seen first), so incremental nights and a full rebuild agree by construction,
 * a merge keeps the older anchor's key and a split gives the fragment without the anchor the key
 * of its own anchor. Pure: no catalog, clock or settings. See docs/identity-keys.md.
 */
public final class CustomerKeys {
  public static final String CREATED = "created";
  public static final String MERGED = "merged";
  public static final String SPLIT = "split";
  public static final String RETIRED = "retired";
  /** Every change type, in the order {@link #churn} lists them. */
  public static final List<String> CHANGE_TYPES = List.of(CREATED, MERGED, SPLIT, RETIRED);

  private static final String TYPE = "identifier_type";
  private static final String IDENTIFIER = "identifier";
  private static final String KEY = "customer_key";
  private static final String PREVIOUS_KEY = "previous_key";
  private static final String CURRENT_KEY = "current_key";
  private static final String PREVIOUS_KEY_LIVES = "previous_key_lives";
  private static final String CURRENT_KEY_EXISTED = "current_key_existed";

  private CustomerKeys() {}

  /**
   * The key of an identifier: {@code "ck_"} + the first 24 hex characters of {@code
   * sha2(identifier_type || '|' || identifier, 256)}. 96 bits: a collision needs around 10^14
   * anchors before it becomes likely.
   */
  public static Column customerKey(Column identifierType, Column identifier) {
    Column digest = sha2(concat_ws("|", identifierType, identifier), 256);
    return concat(lit("ck_"), substring(digest, 1, 24));
  }

  /**
   * Each identifier's customer key. A component's anchor is its member with the smallest
   * (first_landing_date, identifier_type, identifier), a total order, so reruns pick the same
   * one. Only the delivery day orders members in time: data arriving late, however old its
   * timestamps, never displaces an anchor that earlier nights already saw, and seeing an
   * identifier again never moves its component's anchor (so such a night need not re-stitch it).
   *
   * @param identifiers {@code identifier_type, identifier, first_landing_date, vertex} and any
   *     other columns, as from {@link IdentityLinks#identifiers}
   * @param components {@code vertex, component}, as from {@link ConnectedComponents}; an
   *     identifier whose vertex has no component is left out (edges carry every vertex's self-loop)
   * @return the identifiers' columns plus {@code customer_key, anchor_type, anchor_identifier,
   *     component}
   */
  public static Dataset<Row> assign(Dataset<Row> identifiers, Dataset<Row> components) {
    Dataset<Row> members = identifiers.join(components, "vertex");
    Dataset<Row> anchors =
        members
            .groupBy("component")
            .agg(min(struct(col("first_landing_date"), col(TYPE), col(IDENTIFIER)))
                .as("anchor"));
    return members
        .join(anchors, "component")
        .withColumn(KEY, customerKey(col("anchor." + TYPE), col("anchor." + IDENTIFIER)))
        .withColumn("anchor_type", col("anchor." + TYPE))
        .withColumn("anchor_identifier", col("anchor." + IDENTIFIER))
        .drop("anchor");
  }

  /**
   * The keys that changed between two maps. A key is "live" in a map when an identifier has it.
   *
   * <ul>
   *   <li>{@code created}: a key live now and not before whose identifiers are all new (none was in
   *       the previous map). other_key null; identifiers = its identifiers.
   *   <li>{@code merged}: a key live before and not now, at least one of whose identifiers is still
   *       mapped, all to one key, the survivor. customer_key = the retired key, other_key = the
   *       survivor; identifiers = how many of its identifiers moved to the survivor.
   *   <li>{@code split}: a key live now and not before holding identifiers of a previous key that
   *       is still live. customer_key = the new key, other_key = the key it split from;
   *       identifiers = how many it took from it. One row per (new key, key split from).
   *   <li>{@code retired}: a key live before and not now that is not merged: none of its
   *       identifiers is mapped any more (erased), or they are spread over several keys. other_key
   *       null; identifiers = its identifiers in the previous map.
   * </ul>
   *
   * <p>Identifiers moving between two keys that are live in both maps change no key and are not
   * reported. A new key whose old identifiers all come from keys no longer live is reported only
   * through those keys' merged or retired rows.
   *
   * @param previousMap {@code identifier_type, identifier, customer_key}, one row per identifier
   * @param currentMap the same columns, the map being written
   * @param date the run's logical date, written as change_date
   * @return {@code change_date: date, change_type, customer_key, other_key, identifiers: bigint}
   */
  public static Dataset<Row> changes(
      Dataset<Row> previousMap, Dataset<Row> currentMap, LocalDate date) {
    Dataset<Row> previous =
        previousMap.select(col(TYPE), col(IDENTIFIER), col(KEY).as(PREVIOUS_KEY));
    Dataset<Row> current = currentMap.select(col(TYPE), col(IDENTIFIER), col(KEY).as(CURRENT_KEY));
    // One row per identifier in either map, flagged with whether its keys are live in the other.
    Dataset<Row> moves =
        previous
            .join(current, new String[] {TYPE, IDENTIFIER}, "full_outer")
            .join(live(current, CURRENT_KEY, PREVIOUS_KEY, PREVIOUS_KEY_LIVES), PREVIOUS_KEY,
                "left")
            .join(live(previous, PREVIOUS_KEY, CURRENT_KEY, CURRENT_KEY_EXISTED), CURRENT_KEY,
                "left");
    return vanishedKeys(moves)
        .union(newKeys(moves))
        .select(
            lit(java.sql.Date.valueOf(date)).as("change_date"),
            col("change_type"),
            col(KEY),
            col("other_key"),
            col("identifiers"));
  }

  /**
   * How many keys changed, per change type: {@code change_type, keys, identifiers}, one row for
   * each of {@link #CHANGE_TYPES}, zeros included, so a quality gate always finds its row.
   */
  public static Dataset<Row> churn(Dataset<Row> changes) {
    Dataset<Row> types =
        changes
            .sparkSession()
            .range(1)
            .select(explode(array(CHANGE_TYPES.stream().map(t -> lit(t)).toArray(Column[]::new)))
                .as("change_type"));
    Dataset<Row> counts =
        changes
            .groupBy("change_type")
            .agg(count(lit(1)).as("keys"), sum("identifiers").as("identifiers"));
    return types
        .join(counts, "change_type", "left")
        .select(
            col("change_type"),
            coalesce(col("keys"), lit(0L)).as("keys"),
            coalesce(col("identifiers"), lit(0L)).cast(DataTypes.LongType).as("identifiers"));
  }

  /** The distinct keys of {@code map}, renamed to {@code as}, flagged with {@code flag} = true. */
  private static Dataset<Row> live(Dataset<Row> map, String keyColumn, String as, String flag) {
    return map.where(col(keyColumn).isNotNull())
        .select(col(keyColumn).as(as), lit(true).as(flag))
        .distinct();
  }

  /** Merged and retired rows: previous keys no longer live. */
  private static Dataset<Row> vanishedKeys(Dataset<Row> moves) {
    Column merged = col("destinations").equalTo(1);
    return moves
        .where(col(PREVIOUS_KEY).isNotNull().and(col(PREVIOUS_KEY_LIVES).isNull()))
        .groupBy(PREVIOUS_KEY)
        .agg(
            count(lit(1)).as("previous_identifiers"),
            count(col(CURRENT_KEY)).as("moved"),
            countDistinct(col(CURRENT_KEY)).as("destinations"),
            min(CURRENT_KEY).as("destination"))
        .select(
            when(merged, lit(MERGED)).otherwise(lit(RETIRED)).as("change_type"),
            col(PREVIOUS_KEY).as(KEY),
            when(merged, col("destination")).as("other_key"),
            when(merged, col("moved")).otherwise(col("previous_identifiers")).as("identifiers"));
  }

  /** Created and split rows: current keys not live before. */
  private static Dataset<Row> newKeys(Dataset<Row> moves) {
    Dataset<Row> fresh =
        moves.where(col(CURRENT_KEY).isNotNull().and(col(CURRENT_KEY_EXISTED).isNull()));
    Dataset<Row> created =
        fresh
            .groupBy(CURRENT_KEY)
            .agg(count(lit(1)).as("identifiers"), count(col(PREVIOUS_KEY)).as("known"))
            .where(col("known").equalTo(0))
            .select(
                lit(CREATED).as("change_type"),
                col(CURRENT_KEY).as(KEY),
                lit(null).cast(DataTypes.StringType).as("other_key"),
                col("identifiers"));
    Dataset<Row> split =
        fresh
            .where(col(PREVIOUS_KEY_LIVES).isNotNull())
            .groupBy(CURRENT_KEY, PREVIOUS_KEY)
            .agg(count(lit(1)).as("identifiers"))
            .select(
                lit(SPLIT).as("change_type"),
                col(CURRENT_KEY).as(KEY),
                col(PREVIOUS_KEY).as("other_key"),
                col("identifiers"));
    return created.union(split);
  }
}
