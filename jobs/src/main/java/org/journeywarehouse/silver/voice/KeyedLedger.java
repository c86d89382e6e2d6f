package org.journeywarehouse.silver.voice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The row accounting of a silver table rebuilt from bronze records and keyed from the identity map:
 * every distinct bronze record is one built row (the key lookup neither drops nor multiplies
 * records) and every built row is written or counted as without a key. So records in = rows out +
 * without key, and no record id is written twice.
 *
 * @param bronzeRows versions delivered (all bronze rows)
 * @param records distinct record ids in bronze
 * @param built rows the pure build returned
 * @param builtIds distinct record ids among them
 * @param withoutKey built rows with no customer_key (left out)
 * @param flagged built rows matching the caller's flag (e.g. durations out of order)
 */
public record KeyedLedger(
    long bronzeRows, long records, long built, long builtIds, long withoutKey, long flagged) {

  /**
   * One row {@code bronze_rows, records, built, built_ids, without_key, flagged} from one action.
   *
   * @param flag a condition on the built rows to count, {@code lit(false)} for none
   */
  public static Dataset<Row> counts(
      Dataset<Row> bronze, String idColumn, Dataset<Row> built, Column flag) {
    Dataset<Row> in =
        bronze.agg(count(lit(1)).as("bronze_rows"), countDistinct(col(idColumn)).as("records"));
    Dataset<Row> out =
        built.agg(
            count(lit(1)).as("built"),
            countDistinct(col(idColumn)).as("built_ids"),
            count(when(col("customer_key").isNull(), lit(1))).as("without_key"),
            count(when(flag, lit(1))).as("flagged"));
    return in.crossJoin(out);
  }

  /** The ledger of the one row {@link #counts} gives. */
  public static KeyedLedger of(Row row) {
    return new KeyedLedger(
        row.getLong(0),
        row.getLong(1),
        row.getLong(2),
        row.getLong(3),
        row.getLong(4),
        row.getLong(5));
  }

  /** Rows written: the built rows with a customer_key. */
  public long written() {
    return built - withoutKey;
  }

  /** Older versions of a record, not kept. */
  public long deduplicated() {
    return bronzeRows - records;
  }

  /** records = written + without key, and each record once. */
  public boolean balanced() {
    return records == written() + withoutKey && builtIds == built;
  }

  /** Counts only, never values: what quality_results shows. */
  public String observed() {
    return "bronze_rows=%d records=%d written=%d without_key=%d repeated_ids=%d"
        .formatted(bronzeRows, records, written(), withoutKey, built - builtIds);
  }
}
