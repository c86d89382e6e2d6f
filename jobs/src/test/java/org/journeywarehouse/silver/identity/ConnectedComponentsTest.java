package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private static final StructType EDGES =
      new StructType().add("src", DataTypes.LongType).add("dst", DataTypes.LongType);
  private static final StructType COMPONENTS =
      new StructType().add("vertex", DataTypes.LongType).add("component", DataTypes.LongType);
  private static final StructType STAR_EDGES =
      new StructType().add("larger", DataTypes.LongType).add("smaller", DataTypes.LongType);
  private static final int CHAIN = 10_000;

  private final SparkSession spark = TestSpark.session();

  @Test
  void smallComponentsAndAnIsolatedVertexGetTheirSmallestId() {
    // {2, 4, 7}: 4-7, 7-2, a duplicate 7-4 in the other direction and a self-loop on 2.
    // {8, 10, 12}: the path 10-8-12. {6}: isolated, given as the self-loop 6-6.
    Dataset<Row> edges =
        rows(
            EDGES,
            edge(4, 7),
            edge(7, 2),
            edge(7, 4),
            edge(2, 2),
            edge(10, 8),
            edge(8, 12),
            edge(6, 6));

    assertSameRows(
        rows(
            COMPONENTS,
            edge(2, 2),
            edge(4, 2),
            edge(7, 2),
            edge(8, 8),
            edge(10, 8),
            edge(12, 8),
            edge(6, 6)),
        ConnectedComponents.compute(edges, 10).components());
  }

  @Test
  void aShuffledChainOfTenThousandVerticesIsOneComponentWithinTheCap() {
    // Vertex i of the chain has id (i * 7919) % 10007 + 1: 10007 is prime, so i -> i * 7919 mod
    // 10007 is one-to-one and ids are unique but out of chain order. i = 0 gives the minimum, 1.
    long started = System.nanoTime();
    ConnectedComponents.Result result =
        ConnectedComponents.compute(chain(), ConnectedComponents.defaultRoundCap(CHAIN));
    System.out.printf(
        "10,000-vertex chain: %d rounds (cap %d), %.1f s, edges per round %s%n",
        result.rounds(),
        ConnectedComponents.defaultRoundCap(CHAIN),
        (System.nanoTime() - started) / 1e9,
        result.edgesPerRound());

    assertSameRows(
        spark.range(CHAIN).select(chainId(col("id")).as("vertex"), lit(1L).as("component")),
        result.components());
    // ceil(2 * log2(10,000)) + 10 = ceil(26.58) + 10 = 37.
    assertThat(ConnectedComponents.defaultRoundCap(CHAIN)).isEqualTo(37);
    assertThat(result.rounds()).isBetween(1, 36);
  }

  @Test
  void aHubWithFiveThousandLeavesIsOneComponent() {
    // The hub 10,000 is the largest id, so the component is its smallest leaf, 1.
    Dataset<Row> edges = spark.range(1, 5_001).select(lit(10_000L).as("src"), col("id").as("dst"));

    ConnectedComponents.Result result = ConnectedComponents.compute(edges, 20);

    assertSameRows(
        spark
            .range(1, 5_001)
            .union(spark.range(10_000, 10_001))
            .select(col("id").as("vertex"), lit(1L).as("component")),
        result.components());
  }

  @Test
  void twoThousandTinyComponentsStayApart() {
    // Component k (0 <= k < 2,000) is the path k -- k + 4,000 -- k + 2,000, each edge given in
    // both directions. Its smallest id is k; the middle vertex is the largest, so the input is
    // not yet a star and the algorithm has work to do.
    Dataset<Row> k = spark.range(2_000).toDF();
    Column first = col("id");
    Column middle = col("id").plus(4_000);
    Column last = col("id").plus(2_000);
    Dataset<Row> edges =
        k.select(first.as("src"), middle.as("dst"))
            .union(k.select(middle.as("src"), first.as("dst")))
            .union(k.select(middle.as("src"), last.as("dst")))
            .union(k.select(last.as("src"), middle.as("dst")));

    assertSameRows(
        k.select(first.as("vertex"), first.as("component"))
            .union(k.select(middle.as("vertex"), first.as("component")))
            .union(k.select(last.as("vertex"), first.as("component"))),
        ConnectedComponents.compute(edges, 20).components());
  }

  @Test
  void largeStarAndSmallStarStepByStep() {
    // Large-star on the path 3-2-1, edges (larger, smaller): m(2) = 1, m(1) = 1, so (3, 2)
    // becomes (3, m(2)) = (3, 1) and (2, 1) stays (2, m(1)) = (2, 1): a star centred on 1.
    assertSameRows(
        rows(STAR_EDGES, edge(3, 1), edge(2, 1)),
        StarOperations.largeStar(rows(STAR_EDGES, edge(3, 2), edge(2, 1))).distinct());
    // Small-star on the path 3-1-4-2: smallest smaller neighbours n(3) = 1, n(4) = 1. (4, 2)
    // becomes (2, n(4)) = (2, 1); (3, 1) and (4, 1) become (1, 1), dropped, and come back as
    // (u, n(u)) = (3, 1), (4, 1): again a star centred on 1.
    assertSameRows(
        rows(STAR_EDGES, edge(3, 1), edge(4, 1), edge(2, 1)),
        StarOperations.smallStar(rows(STAR_EDGES, edge(3, 1), edge(4, 1), edge(4, 2))));
  }

  @Test
  void failsLoudlyPastTheRoundCap() {
    assertThatThrownBy(() -> ConnectedComponents.compute(chain(), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not converge in 1 rounds (cap 1)");
  }

  @Test
  void rejectsANullId() {
    Dataset<Row> edges = rows(EDGES, edge(1, 2), new Object[] {3L, null});

    assertThatThrownBy(() -> ConnectedComponents.compute(edges, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 distinct edges have a null src or dst");
  }

  /** Edges i -- i + 1 of the shuffled chain. */
  private Dataset<Row> chain() {
    return spark
        .range(CHAIN - 1)
        .select(chainId(col("id")).as("src"), chainId(col("id").plus(1)).as("dst"));
  }

  private static Column chainId(Column position) {
    return position.multiply(7919).mod(10007).plus(1);
  }

  private static Object[] edge(long from, long to) {
    return new Object[] {from, to};
  }
}
