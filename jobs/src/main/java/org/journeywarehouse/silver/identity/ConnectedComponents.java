package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.silver.identity.StarOperations.LARGER;
import static org.journeywarehouse.silver.identity.StarOperations.SMALLER;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Connected components of an undirected graph, in Spark, with the alternating large-star /
 * small-star algorithm of Kiveris et al. (SoCC 2014): the number of rounds grows with the log of
 * the vertex count, not with the graph's diameter, so a 10,000-hop chain takes a handful of rounds
 * where label propagation would take thousands. Pure: edges in, components out; no catalog, clock
 * or settings. See docs/identity-components.md.
 */
public final class ConnectedComponents {
  private static final String HAS_NULL_ID = "has_null_id";

  private ConnectedComponents() {}

  /**
   * The partition and what it cost.
   *
   * @param components one row per vertex: {@code vertex: bigint, component: bigint}, where
   *     component is the smallest vertex id of the vertex's component; already materialised
   * @param rounds large-star + small-star rounds run (0 when the input was already stars)
   * @param edgesPerRound edges left after each round, for progress lines and run records
   */
  public record Result(Dataset<Row> components, int rounds, List<Long> edgesPerRound) {}

  /**
   * The round cap for a graph of {@code vertices} vertices: ceil(2 log2 n) + 10. Measured runs need
   * about log2 n rounds (the proven bound is O(log² n)); hitting this cap means the input is not
   * what we think it is.
   */
  public static int defaultRoundCap(long vertices) {
    double log2 = vertices <= 1 ? 0 : Math.log(vertices) / Math.log(2);
    return (int) Math.ceil(2 * log2) + 10;
  }

  /**
   * Connected components of the graph given by {@code edges}.
   *
   * @param edges columns {@code src: bigint, dst: bigint}, undirected. Ids must be unique per
   *     vertex and not null; duplicates, both directions and self-loops are fine, and an isolated
   *     vertex v is given as the self-loop (v, v)
   * @param maxRounds fail rather than go past this many rounds, usually {@link #defaultRoundCap}
   * @throws IllegalArgumentException if the columns are missing or not bigint, or an id is null
   * @throws IllegalStateException if the rounds exceed {@code maxRounds}, or an edge's two ends end
   *     up in different components (never returns an unconverged partition)
   */
  public static Result compute(Dataset<Row> edges, int maxRounds) {
    checkArguments(edges, maxRounds);
    // The input is read once, here, in canonical form (self-loops kept: they carry vertices).
    Dataset<Row> input = checkpoint(canonical(edges));
    checkNoNullIds(input);
    Dataset<Row> graph = input.where(col(LARGER).notEqual(col(SMALLER))).drop(HAS_NULL_ID);
    List<Long> edgesPerRound = new ArrayList<>();
    StarCheck check = StarCheck.of(graph);
    while (check.verticesOffStar() > 0) {
      if (edgesPerRound.size() == maxRounds) {
        throw notConverged(maxRounds, check);
      }
      // Each round's edges are materialised and the plan cut here: otherwise every round's plan
      // would hold all the previous rounds, and planning and recomputation would grow with it.
      graph = checkpoint(StarOperations.smallStar(StarOperations.largeStar(graph)));
      check = StarCheck.of(graph);
      edgesPerRound.add(check.edges());
    }
    Dataset<Row> components = checkpoint(label(vertices(input), graph));
    checkEveryEdgeWithinOneComponent(input, components);
    return new Result(components, edgesPerRound.size(), List.copyOf(edgesPerRound));
  }

  private static IllegalStateException notConverged(int maxRounds, StarCheck check) {
    return new IllegalStateException(
        ("Connected components did not converge in %d rounds (cap %d): %d vertices are not yet"
                + " linked straight to their component's smallest id, %d edges left. The usual"
                + " cap is defaultRoundCap(n) = ceil(2*log2(n)) + 10; a graph that needs more is"
                + " worth inspecting before the cap is raised.")
            .formatted(maxRounds, maxRounds, check.verticesOffStar(), check.edges()));
  }

  /** Edges as {@code larger, smaller} (self-loops kept), distinct, with a null-id flag. */
  private static Dataset<Row> canonical(Dataset<Row> edges) {
    return edges
        .select(
            greatest(col("src"), col("dst")).as(LARGER),
            least(col("src"), col("dst")).as(SMALLER),
            col("src").isNull().or(col("dst").isNull()).as(HAS_NULL_ID))
        .distinct();
  }

  private static Dataset<Row> vertices(Dataset<Row> input) {
    return input
        .select(col(LARGER).as("vertex"))
        .union(input.select(col(SMALLER).as("vertex")))
        .distinct();
  }

  /** In a star forest every vertex's smaller neighbour, if it has one, is its component's min. */
  private static Dataset<Row> label(Dataset<Row> vertices, Dataset<Row> stars) {
    return vertices
        .join(StarOperations.smallestNeighbour(stars), "vertex", "left")
        .select(col("vertex"), coalesce(col("smallest"), col("vertex")).as("component"));
  }

  /**
   * Connectivity is preserved by both star steps, so if no input edge crosses two labels, each
   * component has one label, and since a vertex's label is never above it, it is the minimum.
   */
  private static void checkEveryEdgeWithinOneComponent(Dataset<Row> input, Dataset<Row> labels) {
    Dataset<Row> larger = labels.toDF("larger_vertex", "larger_component");
    Dataset<Row> smaller = labels.toDF("smaller_vertex", "smaller_component");
    long crossing =
        input
            .join(larger, col(LARGER).equalTo(col("larger_vertex")), "left")
            .join(smaller, col(SMALLER).equalTo(col("smaller_vertex")), "left")
            .where(col("larger_component").eqNullSafe(col("smaller_component")).unary_$bang())
            .count();
    if (crossing > 0) {
      throw new IllegalStateException(
          ("Connected components are inconsistent: %d input edges have their two ends in different"
                  + " components; the partition is wrong and was not returned.")
              .formatted(crossing));
    }
  }

  private static void checkArguments(Dataset<Row> edges, int maxRounds) {
    for (String column : List.of("src", "dst")) {
      boolean present = List.of(edges.columns()).contains(column);
      DataType type = present ? edges.schema().apply(column).dataType() : null;
      if (!DataTypes.LongType.equals(type)) {
        throw new IllegalArgumentException(
            "Edges need a bigint column '%s'; got schema %s"
                .formatted(column, edges.schema().simpleString()));
      }
    }
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be at least 1, got " + maxRounds);
    }
  }

  private static void checkNoNullIds(Dataset<Row> input) {
    long nullIds = input.where(col(HAS_NULL_ID)).count();
    if (nullIds > 0) {
      throw new IllegalArgumentException(
          ("Cannot compute connected components: %d distinct edges have a null src or dst; give"
                  + " every vertex an id (an isolated vertex v is the edge (v, v))")
              .formatted(nullIds));
    }
  }

  /**
   * localCheckpoint needs no checkpoint directory (the function stays free of settings). Its blocks
   * live on the executors, so losing one fails the job rather than corrupting it; earlier rounds'
   * blocks are freed by Spark's ContextCleaner once nothing refers to them.
   */
  private static Dataset<Row> checkpoint(Dataset<Row> rows) {
    return rows.localCheckpoint();
  }

  /**
   * Whether canonical edges are already a forest of stars centred on each component's minimum: no
   * vertex is both a larger and a smaller end, and no larger end has two edges. Such a forest is a
   * fixed point of both steps (another round would change nothing), so it is the convergence test,
   * and it saves the extra, idle round that comparing consecutive edge sets would cost.
   */
  private record StarCheck(long edges, long verticesOffStar) {
    /** One small action over the checkpointed edges. */
    static StarCheck of(Dataset<Row> graph) {
      Column offStar =
          col("as_larger").gt(1).or(col("as_larger").geq(1).and(col("as_smaller").equalTo(1)));
      Row totals =
          graph
              .select(col(LARGER).as("vertex"), lit(1).as("as_larger"), lit(0).as("as_smaller"))
              .union(graph.select(col(SMALLER).as("vertex"), lit(0), lit(1)))
              .groupBy("vertex")
              .agg(sum("as_larger").as("as_larger"), max("as_smaller").as("as_smaller"))
              .agg(
                  coalesce(sum("as_larger"), lit(0L)).as("edges"),
                  count(when(offStar, true)).as("off_star"))
              .first();
      return new StarCheck(totals.getLong(0), totals.getLong(1));
    }
  }
}
