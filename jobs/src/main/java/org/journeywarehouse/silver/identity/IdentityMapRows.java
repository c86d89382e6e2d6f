package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The identity_map and identity_guarded rows a run writes for its scope, with the dates that
 * let downstream jobs find what changed: {@code key_since_date} moves only when the key does, and
 * {@code updated_date} only when something in the row does, so a rerun writes nothing new. Pure.
 */
public final class IdentityMapRows {
  private static final String[] NODE = {"identifier_type", "identifier"};

  private IdentityMapRows() {}

  /**
   * The scope's new identity_map rows: {@code identifier_type, identifier, customer_key,
   * is_guarded, sources, first_seen_at, last_seen_at, first_landing_date, key_since_date,
   * updated_date, is_changed}.
   *
   * @param assigned {@link IdentityStitch.Result#assigned}
   * @param previous the scope's rows of the map before the run (identity_map columns)
   */
  public static Dataset<Row> next(Dataset<Row> assigned, Dataset<Row> previous, LocalDate date) {
    Dataset<Row> before =
        previous.select(col(NODE[0]), col(NODE[1]), col("customer_key").as("prev_key"),
            col("is_guarded").as("prev_guarded"), col("sources").as("prev_sources"),
            col("first_seen_at").as("prev_first_seen"), col("last_seen_at").as("prev_last_seen"),
            col("first_landing_date").as("prev_first_landing"),
            col("key_since_date").as("prev_key_since"), col("updated_date").as("prev_updated"));
    Column run = lit(Date.valueOf(date));
    Column sameKey = col("prev_key").eqNullSafe(col("customer_key"));
    Column unchanged =
        sameKey
            .and(col("prev_guarded").eqNullSafe(col("is_guarded")))
            .and(col("prev_sources").eqNullSafe(col("sources")))
            .and(col("prev_first_seen").eqNullSafe(col("first_seen_at")))
            .and(col("prev_last_seen").eqNullSafe(col("last_seen_at")))
            .and(col("prev_first_landing").eqNullSafe(col("first_landing_date")));
    return assigned
        .join(before, NODE, "left")
        .select(
            col(NODE[0]), col(NODE[1]), col("customer_key"), col("is_guarded"), col("sources"),
            col("first_seen_at"), col("last_seen_at"), col("first_landing_date"),
            when(sameKey, col("prev_key_since")).otherwise(run).as("key_since_date"),
            when(unchanged, col("prev_updated")).otherwise(run).as("updated_date"),
            unchanged.unary_$bang().as("is_changed"));
  }

  /**
   * Map rows of identifiers outside the scope that the night saw again on unchanged records:
   * the same columns as {@link #next}, with first/last seen widened and the key kept. The map
   * row already holds the minimum and maximum over all earlier sightings, so widening it by the
   * night's is exact.
   *
   * @param combined the night's records after the night ({@link IdentityLinks#combined})
   * @param scope identifiers re-stitched tonight, whose rows {@link #next} gives
   */
  public static Dataset<Row> sightings(
      Dataset<Row> previousMap, Dataset<Row> combined, Dataset<Row> scope, LocalDate date) {
    Dataset<Row> seen =
        combined.join(scope, NODE, "left_anti")
            .groupBy(NODE[0], NODE[1])
            .agg(functions.min("first_seen_at").as("night_first"),
                functions.max("last_seen_at").as("night_last"));
    Column first = functions.least(col("first_seen_at"), col("night_first"));
    Column last = functions.greatest(col("last_seen_at"), col("night_last"));
    Column changed = first.notEqual(col("first_seen_at")).or(last.notEqual(col("last_seen_at")));
    // A night's sightings are few beside the map: broadcast them so the map is only scanned.
    return previousMap
        .join(functions.broadcast(seen), NODE)
        .select(
            col(NODE[0]), col(NODE[1]), col("customer_key"), col("is_guarded"), col("sources"),
            first.as("first_seen_at"), last.as("last_seen_at"), col("first_landing_date"),
            col("key_since_date"),
            when(changed, lit(Date.valueOf(date))).otherwise(col("updated_date")).as("updated_date"),
            changed.as("is_changed"));
  }

  /** Rows of the previous scope whose identifier is gone (its only record was corrected away). */
  public static Dataset<Row> vanished(Dataset<Row> previous, Dataset<Row> next) {
    return previous.join(next, NODE, "left_anti");
  }

  /**
   * The scope's identity_guarded rows: {@code identifier_type, identifier, linked_type,
   * linked_count, reason, first_guarded_date, updated_date}; an identifier refused before keeps
   * its first date.
   *
   * @param guarded the scope's refusals ({@link IdentityStitch.Result#guarded})
   * @param previous the scope's identity_guarded rows before the run
   */
  public static Dataset<Row> guarded(Dataset<Row> guarded, Dataset<Row> previous, LocalDate date) {
    Dataset<Row> before =
        previous.select(col(NODE[0]), col(NODE[1]), col("first_guarded_date").as("prev_first"))
            .groupBy(NODE[0], NODE[1]).agg(functions.min("prev_first").as("prev_first"));
    Column run = lit(Date.valueOf(date));
    return guarded
        .join(before, NODE, "left")
        .select(col(NODE[0]), col(NODE[1]), col("linked_type"), col("linked_count"), col("reason"),
            when(col("prev_first").isNull(), run).otherwise(col("prev_first"))
                .as("first_guarded_date"),
            run.as("updated_date"));
  }
}
