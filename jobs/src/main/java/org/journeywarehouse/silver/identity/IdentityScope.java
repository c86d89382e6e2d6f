package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which part of the identity graph a night must re-stitch. A night's records change links only
 * among the identifiers they carry (old and new versions), and guards only of those identifiers;
 * so every component that can change is the previous component of such an identifier (the
 * core), or, where one of them stops being refused, of an identifier sharing a record with it.
 * All other components keep their members and keys. Pure; see docs/identity-incremental.md.
 */
public final class IdentityScope {
  private static final String[] NODE = {"identifier_type", "identifier"};
  private static final String[] RECORD = {"source", "record_id"};

  private IdentityScope() {}

  /**
   * The night's records whose links can change: new records, records that gained or lost an
   * identifier (a corrected order or ticket), and records now first delivered earlier (an old
   * delivery loaded late, which can move an anchor). A record seen again with the same
   * identifiers only widens first/last seen: its customers need no re-stitching.
   *
   * @param stored the stored observations of the night's records
   * @param combined the same records after the night ({@link IdentityLinks#combined})
   * @return {@code source, record_id}, distinct
   */
  public static Dataset<Row> structuralRecords(Dataset<Row> stored, Dataset<Row> combined) {
    String[] row = {RECORD[0], RECORD[1], NODE[0], NODE[1]};
    Dataset<Row> before = stored.select(col(RECORD[0]), col(RECORD[1]), col(NODE[0]), col(NODE[1]),
        col("first_landing_date").as("landing_before"));
    Dataset<Row> after = combined.select(col(RECORD[0]), col(RECORD[1]), col(NODE[0]), col(NODE[1]),
        col("first_landing_date").as("landing_after"));
    return before.join(after, row, "full_outer")
        .where(col("landing_before").eqNullSafe(col("landing_after")).unary_$bang())
        .select(recordColumns())
        .distinct();
  }

  /**
   * The core of a night's scope: the touched identifiers and every member of their previous
   * components ({@code identifier_type, identifier}, distinct).
   *
   * @param touched identifiers on the night's records, old and new versions
   * @param previousMap {@code identifier_type, identifier, customer_key} before the night
   */
  public static Dataset<Row> core(Dataset<Row> touched, Dataset<Row> previousMap) {
    return membersOf(touched, previousMap).union(touched.select(nodeColumns())).distinct();
  }

  /**
   * Identifiers that were refused before and are not any more: their links now count, so the
   * previous components of their neighbours join the scope ({@link #neighbourComponents}).
   * Rare (a corrected record lowering a fan-out); new refusals only split the core itself.
   *
   * @param core the scope so far
   * @param guardedNow refusals computed over every record of the core ({@link #observations})
   */
  public static Dataset<Row> lifted(
      Dataset<Row> core, Dataset<Row> guardedNow, Dataset<Row> previousMap) {
    return previousMap.where(col("is_guarded")).select(nodeColumns())
        .join(broadcast(core), NODE, "left_semi")
        .join(guardedNow.select(nodeColumns()), NODE, "left_anti");
  }

  /**
   * The identifiers sharing a record with {@code nodes}, with their previous components: what a
   * lifted refusal may now connect to.
   */
  public static Dataset<Row> neighbourComponents(
      Dataset<Row> nodes, Dataset<Row> observations, Dataset<Row> previousMap) {
    Dataset<Row> neighbours = observations(observations, nodes).select(nodeColumns()).distinct();
    return core(neighbours, previousMap);
  }

  /**
   * Every observation of a record that carries one of {@code nodes}: complete for those
   * identifiers (their sightings, links and fan-out). Two scans of the observations, each
   * filtered by a broadcast of the night-sized side.
   */
  public static Dataset<Row> observations(Dataset<Row> observations, Dataset<Row> nodes) {
    Dataset<Row> records =
        observations.join(broadcast(nodes.select(nodeColumns())), NODE, "left_semi")
            .select(recordColumns()).distinct();
    return observations.join(broadcast(records), RECORD, "left_semi");
  }

  /** All identifiers of the previous components of {@code nodes}. */
  private static Dataset<Row> membersOf(Dataset<Row> nodes, Dataset<Row> previousMap) {
    Dataset<Row> keys =
        previousMap.join(broadcast(nodes.select(nodeColumns())), NODE, "left_semi")
            .select(col("customer_key")).distinct();
    return previousMap.join(broadcast(keys), "customer_key").select(nodeColumns());
  }

  private static Column[] nodeColumns() {
    return new Column[] {col(NODE[0]), col(NODE[1])};
  }

  private static Column[] recordColumns() {
    return new Column[] {col(RECORD[0]), col(RECORD[1])};
  }
}
