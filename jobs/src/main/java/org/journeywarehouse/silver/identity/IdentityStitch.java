package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stitches the identifiers in scope into customers: guards, connected components, keys. The same
 * function serves a night (scope = the components the night touches) and a full rebuild (scope =
 * every identifier), which is why both give the same keys. Pure; see docs/identity-incremental.md.
 */
public final class IdentityStitch {
  private static final String[] NODE = {"identifier_type", "identifier"};

  private IdentityStitch() {}

  /**
   * The stitched scope.
   *
   * @param identifiers the scope's nodes ({@link IdentityLinks#identifiers}), with vertex
   * @param guarded refused identifiers of the scope ({@link IdentityGuards#guarded} rows)
   * @param assigned one row per scope identifier with {@code customer_key} and {@code is_guarded}
   * @param edgeKeys one row per usable link: {@code key_a, key_b}, for the end-of-run check
   * @param components the connected components run (rounds, edges per round)
   */
  public record Result(
      Dataset<Row> identifiers,
      Dataset<Row> guarded,
      Dataset<Row> assigned,
      Dataset<Row> edgeKeys,
      ConnectedComponents.Result components) {}

  /**
   * @param observations every observation of the records carrying a scope identifier ({@link
   *     IdentityScope#observations}); identifiers outside the scope on those records are ignored
   * @param scope {@code identifier_type, identifier}
   * @param identifierCount the scope's size, for the round cap (ceil(2 log2 n) + 10)
   */
  public static Result stitch(
      Dataset<Row> observations,
      Dataset<Row> scope,
      long identifierCount,
      Map<IdentifierType, Integer> maxLinked,
      boolean mergeAccounts) {
    Dataset<Row> identifiers =
        IdentityLinks.identifiers(observations.join(scope, NODE, "left_semi")).persist();
    // Links and fan-out over the whole records, so a scope identifier's count is complete.
    Dataset<Row> links = IdentityLinks.links(observations).persist();
    Dataset<Row> guarded =
        IdentityGuards.guarded(links, maxLinked, mergeAccounts).join(scope, NODE, "left_semi")
            .persist();
    // edges() keeps only links whose two ends are scope identifiers (a vertex join) and unguarded.
    Dataset<Row> edges = IdentityLinks.edges(links, guarded, identifiers);
    ConnectedComponents.Result components =
        ConnectedComponents.compute(edges, ConnectedComponents.defaultRoundCap(identifierCount));
    Dataset<Row> refused = guarded.select(col(NODE[0]), col(NODE[1]), lit(true).as("is_guarded")).distinct();
    Dataset<Row> assigned =
        CustomerKeys.assign(identifiers, components.components())
            .join(refused, NODE, "left")
            .withColumn("is_guarded", col("is_guarded").isNotNull())
            .persist();
    return new Result(identifiers, guarded, assigned, edgeKeys(edges, assigned), components);
  }

  /** The customer keys of both ends of every non-loop edge. */
  private static Dataset<Row> edgeKeys(Dataset<Row> edges, Dataset<Row> assigned) {
    Dataset<Row> a = assigned.select(col("vertex").as("vertex_a"), col("customer_key").as("key_a"));
    Dataset<Row> b = assigned.select(col("vertex").as("vertex_b"), col("customer_key").as("key_b"));
    Column loop = col("src").equalTo(col("dst"));
    return edges
        .where(loop.unary_$bang())
        .join(a, col("src").equalTo(col("vertex_a")), "left")
        .join(b, col("dst").equalTo(col("vertex_b")), "left")
        .select("key_a", "key_b");
  }
}
