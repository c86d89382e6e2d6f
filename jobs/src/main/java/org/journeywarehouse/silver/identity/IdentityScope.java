package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which part of the identity graph a night must re-stitch. A night's records change links only
 * among the identifiers they carry (old and new versions), and guards only of those identifiers;
 * so every component that can change is the previous component of such an identifier, or of an
 * identifier sharing a record with one (a link that stops being guarded reaches one hop). All
 * other components keep their members and keys. Pure; see docs/identity-incremental.md.
 */
public final class IdentityScope {
  private static final String[] NODE = {"identifier_type", "identifier"};
  private static final String[] RECORD = {"source", "record_id"};

  private IdentityScope() {}

  /**
   * The identifiers to re-stitch: {@code identifier_type, identifier}, distinct.
   *
   * @param touched identifiers on the night's records, old and new versions ({@code
   *     identifier_type, identifier})
   * @param observations every observation after the night ({@link IdentityLinks#combined})
   * @param previousMap {@code identifier_type, identifier, customer_key} before the night
   */
  public static Dataset<Row> identifiers(
      Dataset<Row> touched, Dataset<Row> observations, Dataset<Row> previousMap) {
    Dataset<Row> core = membersOf(touched, previousMap).union(touched).distinct();
    // One hop: identifiers sharing a record with the core, then their whole components.
    Dataset<Row> records =
        observations.join(core, NODE, "left_semi").select(recordColumns()).distinct();
    Dataset<Row> neighbours =
        observations.join(records, RECORD, "left_semi").select(nodeColumns()).distinct();
    return membersOf(neighbours, previousMap).union(neighbours).union(core).distinct();
  }

  /**
   * Every observation of a record that carries an identifier in scope: complete for the scope's
   * identifiers (their sightings, links and fan-out) and for nothing else.
   */
  public static Dataset<Row> observations(Dataset<Row> observations, Dataset<Row> scope) {
    Dataset<Row> records =
        observations.join(scope, NODE, "left_semi").select(recordColumns()).distinct();
    return observations.join(records, RECORD, "left_semi");
  }

  /** All identifiers of the previous components of {@code nodes}. */
  private static Dataset<Row> membersOf(Dataset<Row> nodes, Dataset<Row> previousMap) {
    Dataset<Row> keys =
        previousMap.join(nodes, NODE, "left_semi").select(col("customer_key")).distinct();
    return previousMap.join(keys, "customer_key").select(nodeColumns());
  }

  private static Column[] nodeColumns() {
    return new Column[] {col(NODE[0]), col(NODE[1])};
  }

  private static Column[] recordColumns() {
    return new Column[] {col(RECORD[0]), col(RECORD[1])};
  }
}
