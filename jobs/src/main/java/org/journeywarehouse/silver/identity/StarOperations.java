package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The two steps of the alternating algorithm of Kiveris et al. ("Connected Components in MapReduce
 * and Beyond", SoCC 2014), on canonical edges: columns {@code larger, smaller} with {@code larger >
 * smaller}, no self-loops. Both steps keep every component connected, never join two components,
 * and return canonical edges again, never more distinct edges than they got.
 */
final class StarOperations {
  static final String LARGER = "larger";
  static final String SMALLER = "smaller";
  private static final String VERTEX = "vertex";
  private static final String SMALLEST = "smallest";

  private StarOperations() {}

  /**
   * Large-star: every vertex u links each of its larger neighbours to m(u), the smallest of u and
   * its neighbours. Each edge (v, u) with v > u becomes (v, m(u)): one edge out per edge in, so the
   * result is left with duplicates (not distinct) for small-star's final distinct to remove, which
   * saves a shuffle per round.
   */
  static Dataset<Row> largeStar(Dataset<Row> edges) {
    // A neighbour smaller than u is always on an edge where u is the larger end, so m(u) is the
    // smallest such neighbour, or u itself when it has none (the left join's null).
    Dataset<Row> smallest = smallestNeighbour(edges);
    return edges
        .join(smallest, col(SMALLER).equalTo(col(VERTEX)), "left")
        .select(col(LARGER), coalesce(col(SMALLEST), col(SMALLER)).as(SMALLER));
  }

  /**
   * Small-star: every vertex u links itself and each of its smaller neighbours to the smallest of
   * them. Each edge (u, w) with u > w becomes (w, n(u)), and (u, n(u)) is added, where n(u) is u's
   * smallest neighbour; the self-loop (n(u), n(u)) is dropped.
   */
  static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> smallest = smallestNeighbour(edges);
    Dataset<Row> neighboursToSmallest =
        edges
            .join(smallest, col(LARGER).equalTo(col(VERTEX)))
            .where(col(SMALLER).notEqual(col(SMALLEST)))
            .select(col(SMALLER).as(LARGER), col(SMALLEST).as(SMALLER));
    Dataset<Row> selfToSmallest =
        smallest.select(col(VERTEX).as(LARGER), col(SMALLEST).as(SMALLER));
    return neighboursToSmallest.union(selfToSmallest).distinct();
  }

  /**
   * One row per vertex that has a smaller neighbour: {@code vertex, smallest}. In a star forest
   * centred on each component's minimum this is every vertex's component (centres excepted).
   */
  static Dataset<Row> smallestNeighbour(Dataset<Row> edges) {
    return edges.groupBy(col(LARGER).as(VERTEX)).agg(min(col(SMALLER)).as(SMALLEST));
  }
}
