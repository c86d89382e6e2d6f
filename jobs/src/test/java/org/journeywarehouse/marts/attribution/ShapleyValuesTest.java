package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.assertSameRowsApproximately;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.AttributionTables;
import org.junit.jupiter.api.Test;

class ShapleyValuesTest {
  private static final double EXACT = 1e-12;
  private static final Date D1 = Date.valueOf("2026-11-02");
  private static final Date D2 = Date.valueOf("2026-11-03");
  private static final StructType PATHS =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("path", DataTypes.createArrayType(DataTypes.StringType))
          .add("conversions", DataTypes.LongType)
          .add("non_conversions", DataTypes.LongType);
  private static final StructType COALITIONS =
      new StructType()
          .add("fit_date", DataTypes.DateType)
          .add("channel_set_key", DataTypes.StringType)
          .add("channel_set", DataTypes.createArrayType(DataTypes.StringType, false))
          .add("channels", DataTypes.IntegerType)
          .add("converting_paths", DataTypes.LongType)
          .add("non_converting_paths", DataTypes.LongType)
          .add("conversion_rate", DataTypes.DoubleType);

  @Test
  void threeChannelSpecExample() {
    // Every subset of N = {email, paid_search, seo} (e, p, s) is seen once:
    // v(e) = 1/4, v(p) = 1/2, v(s) = 0, v(ep) = 3/4, v(es) = 1/2, v(ps) = 1/2, v(eps) = 3/4.
    // n = 3: weights |S|!(2 - |S|)!/3! are 1/3 (|S| = 0), 1/6 (|S| = 1), 1/3 (|S| = 2).
    // phi_e = 1/3 (1/4 - 0) + 1/6 (v(ep) - v(p)) + 1/6 (v(es) - v(s)) + 1/3 (v(eps) - v(ps))
    //       = 1/12 + 1/6 * 1/4 + 1/6 * 1/2 + 1/3 * 1/4 = (2 + 1 + 2 + 2)/24 = 7/24
    // phi_p = 1/3 * 1/2 + 1/6 (3/4 - 1/4) + 1/6 (1/2 - 0) + 1/3 (3/4 - 1/2)
    //       = (4 + 2 + 2 + 2)/24 = 5/12
    // phi_s = 1/3 * 0 + 1/6 (1/2 - 1/4) + 1/6 (1/2 - 1/2) + 1/3 (3/4 - 3/4) = 1/24
    // Efficiency: 7/24 + 10/24 + 1/24 = 18/24 = 3/4 = v(eps).
    // The pairs (n = 2, weights 1/2 and 1/2): phi_i = 1/2 v(i) + 1/2 (v(ij) - v(j)).
    // {e, p}: e 1/8 + 1/2 (3/4 - 1/2) = 1/4, p 1/4 + 1/2 (3/4 - 1/4) = 1/2; sum 3/4.
    // {e, s}: e 1/8 + 1/2 (1/2 - 0) = 3/8, s 0 + 1/2 (1/2 - 1/4) = 1/8; sum 1/2.
    // {p, s}: p 1/4 + 1/2 (1/2 - 0) = 1/2, s 0 + 1/2 (1/2 - 1/2) = 0; sum 1/2.
    // Singletons: phi = v.
    Dataset<Row> paths =
        rows(
            PATHS,
            path(D1, 1, 3, "email"),
            path(D1, 1, 1, "paid_search"),
            path(D1, 0, 2, "seo"),
            path(D1, 3, 1, "email", "paid_search"),
            path(D1, 1, 1, "seo", "email"),
            path(D1, 1, 1, "paid_search", "seo"),
            path(D1, 3, 1, "seo", "paid_search", "email"));

    Dataset<Row> values = ShapleyValues.values(ShapleyValues.coalitions(paths), 10, 100);

    String[] ep = pair("email", "paid_search");
    String[] es = pair("email", "seo");
    String[] ps = pair("paid_search", "seo");
    String all = "email + paid_search + seo";
    String[] eps = {"email", "paid_search", "seo"};
    assertValues(
        values,
        EXACT,
        value(D1, "email", new String[] {"email"}, "email", 1, 3, 0.25, 0.25),
        value(D1, "paid_search", new String[] {"paid_search"}, "paid_search", 1, 1, 0.5, 0.5),
        value(D1, "seo", new String[] {"seo"}, "seo", 0, 2, 0.0, 0.0),
        value(D1, "email + paid_search", ep, "email", 3, 1, 0.75, 0.25),
        value(D1, "email + paid_search", ep, "paid_search", 3, 1, 0.75, 0.5),
        value(D1, "email + seo", es, "email", 1, 1, 0.5, 0.375),
        value(D1, "email + seo", es, "seo", 1, 1, 0.5, 0.125),
        value(D1, "paid_search + seo", ps, "paid_search", 1, 1, 0.5, 0.5),
        value(D1, "paid_search + seo", ps, "seo", 1, 1, 0.5, 0.0),
        value(D1, all, eps, "email", 3, 1, 0.75, 7d / 24),
        value(D1, all, eps, "paid_search", 3, 1, 0.75, 5d / 12),
        value(D1, all, eps, "seo", 3, 1, 0.75, 1d / 24));
    assertThat(valueSum(values, D1, all)).isCloseTo(0.75, within(EXACT));
  }

  @Test
  void aOneChannelSetGetsItsOwnRate() {
    // n = 1: the only subset S of N \ {i} is empty, weight 0! 0! / 1! = 1: phi = v(i) - 0.
    // email 1/(1 + 3) = 1/4; seo (repeats collapse) 0/(0 + 5) = 0; display 2/(2 + 0) = 1.
    Dataset<Row> paths =
        rows(
            PATHS,
            path(D1, 1, 3, "email"),
            path(D1, 0, 5, "seo", "seo", "seo"),
            path(D1, 2, 0, "display"));

    Dataset<Row> values = ShapleyValues.values(ShapleyValues.coalitions(paths), 1, 1);

    assertValues(
        values,
        EXACT,
        value(D1, "email", new String[] {"email"}, "email", 1, 3, 0.25, 0.25),
        value(D1, "seo", new String[] {"seo"}, "seo", 0, 5, 0.0, 0.0),
        value(D1, "display", new String[] {"display"}, "display", 2, 0, 1.0, 1.0));
  }

  @Test
  void aChannelThatLowersTheRateGetsANegativeValue() {
    // v(display) = 1/2, v(display, email) = 1/4, {email} never seen: v(email) = 0.
    // phi_display = 1/2 * 1/2 + 1/2 (1/4 - 0) = 3/8.
    // phi_email = 1/2 * 0 + 1/2 (1/4 - 1/2) = -1/8, kept unclipped; sum 3/8 - 1/8 = 1/4.
    Dataset<Row> paths = rows(PATHS, path(D1, 1, 1, "display"), path(D1, 1, 3, "email", "display"));

    Dataset<Row> values = ShapleyValues.values(ShapleyValues.coalitions(paths), 10, 100);

    String[] set = pair("display", "email");
    assertValues(
        values,
        EXACT,
        value(D1, "display", new String[] {"display"}, "display", 1, 1, 0.5, 0.5),
        value(D1, "display + email", set, "display", 1, 3, 0.25, 0.375),
        value(D1, "display + email", set, "email", 1, 3, 0.25, -0.125));
  }

  @Test
  void coalitionsCollapseRepeatsAndOrderPerFitDate() {
    // D1: [email, seo, email] 1/0 and [seo, email] 2/3 are both {email, seo}: 3/3, rate 1/2.
    // [email] 0/2 and [null, email] 1/1 (the null channel dropped) are {email}: 1/3, rate 1/4.
    // [seo, seo] 1/1: {seo}, rate 1/2. [paid_search] 0/0 has no paths: no row. [] 1/1: no set.
    // D2: [seo, email] 4/0 is a row of its own: {email, seo} 4/0, rate 1.
    // The extra column path_key is ignored.
    StructType withExtra = PATHS.add("path_key", DataTypes.StringType);
    Dataset<Row> paths =
        rows(
            withExtra,
            extra(path(D1, 1, 0, "email", "seo", "email")),
            extra(path(D1, 2, 3, "seo", "email")),
            extra(path(D1, 0, 2, "email")),
            extra(path(D1, 1, 1, "seo", "seo")),
            extra(path(D1, 0, 0, "paid_search")),
            extra(path(D1, 1, 1)),
            extra(new Object[] {D1, new String[] {null, "email"}, 1L, 1L}),
            extra(path(D2, 4, 0, "seo", "email")));

    Dataset<Row> coalitions = ShapleyValues.coalitions(paths);

    assertColumns(coalitions, COALITIONS);
    assertSameRows(
        rows(
            coalitions.schema(),
            new Object[] {D1, "email + seo", pair("email", "seo"), 2, 3L, 3L, 0.5},
            new Object[] {D1, "email", new String[] {"email"}, 1, 1L, 3L, 0.25},
            new Object[] {D1, "seo", new String[] {"seo"}, 1, 1L, 1L, 0.5},
            new Object[] {D2, "email + seo", pair("email", "seo"), 2, 4L, 0L, 1.0}),
        coalitions);
  }

  @Test
  void eachFitDateIsItsOwnGame() {
    // Both dates have {email, seo} at 3/1 = 3/4. D1 also has {email} at 1/2 ({seo} unseen),
    // D2 has {seo} at 1/2 ({email} unseen).
    // D1: phi_email = 1/2 * 1/2 + 1/2 (3/4 - 0) = 5/8, phi_seo = 0 + 1/2 (3/4 - 1/2) = 1/8.
    // D2 mirrors it: email 1/8, seo 5/8. Had D1 looked up D2's v(seo) = 1/2, it would have
    // given 3/8 and 3/8.
    Dataset<Row> paths =
        rows(
            PATHS,
            path(D1, 1, 1, "email"),
            path(D1, 3, 1, "email", "seo"),
            path(D2, 1, 1, "seo"),
            path(D2, 3, 1, "seo", "email"));

    Dataset<Row> values = ShapleyValues.values(ShapleyValues.coalitions(paths), 10, 100);

    String[] set = pair("email", "seo");
    assertValues(
        values,
        EXACT,
        value(D1, "email", new String[] {"email"}, "email", 1, 1, 0.5, 0.5),
        value(D1, "email + seo", set, "email", 3, 1, 0.75, 0.625),
        value(D1, "email + seo", set, "seo", 3, 1, 0.75, 0.125),
        value(D2, "seo", new String[] {"seo"}, "seo", 1, 1, 0.5, 0.5),
        value(D2, "email + seo", set, "email", 3, 1, 0.75, 0.125),
        value(D2, "email + seo", set, "seo", 3, 1, 0.75, 0.625));
  }

  @Test
  void sampledValuesApproachTheExactOnesAndRepeat() {
    // N = {display, email, paid_search, seo} (d, e, p, s); seen: v(e) = 1/5, v(es) = 2/5,
    // v(dp) = 1/2, v(eps) = 3/5, v(deps) = 4/5; every other subset 0.
    // phi_i = sum over T of v(T) (i in T ? w(|T| - 1) : -w(|T|)), w(s) = s! (3 - s)! / 4!:
    // w(0) = 1/4, w(1) = 1/12, w(2) = 1/12, w(3) = 1/4. In 120ths (v(e) = 24, v(es) = 48,
    // v(dp) = 60, v(eps) = 72, v(deps) = 96):
    // phi_d = -24/12 - 48/12 + 60/12 - 72/4 + 96/4 = -2 - 4 + 5 - 18 + 24 = 5   -> 1/24
    // phi_e = 24/4 + 48/12 - 60/12 + 72/12 + 96/4 = 6 + 4 - 5 + 6 + 24 = 35     -> 7/24
    // phi_p = -2 - 4 + 5 + 6 + 24 = 29                                          -> 29/120
    // phi_s = -2 + 4 - 5 + 6 + 24 = 27                                          -> 9/40
    // Sum 96/120 = 4/5 = v(deps).
    // Sampled: over all 24 orders the marginal contributions have standard deviations up to
    // 0.40 (seo), so 4000 permutations give a standard error up to 0.0064; 0.03 is ~4.7 of it.
    Object[][] paths = {
      path(D1, 1, 4, "email"),
      path(D1, 2, 3, "seo", "email"),
      path(D1, 1, 1, "display", "paid_search"),
      path(D1, 3, 2, "paid_search", "email", "seo"),
      path(D1, 4, 1, "seo", "display", "email", "paid_search")
    };
    String all = "display + email + paid_search + seo";
    String[] set = {"display", "email", "paid_search", "seo"};
    double[] phi = {1d / 24, 7d / 24, 29d / 120, 9d / 40};
    Object[][] exact = new Object[4][];
    Object[][] sampled = new Object[4][];
    for (int k = 0; k < 4; k++) {
      exact[k] = value(D1, all, set, set[k], 4, 1, 0.8, phi[k]);
      sampled[k] = exact[k].clone();
      sampled[k][9] = ShapleyValues.SAMPLED;
    }

    Dataset<Row> exactValues =
        ShapleyValues.values(ShapleyValues.coalitions(rows(PATHS, paths)), 4, 1)
            .where(col("channels").equalTo(4));
    Dataset<Row> sampledValues = sampledFourChannelSet(rows(PATHS, paths));

    assertValues(exactValues, EXACT, exact);
    assertValues(sampledValues, 0.03, sampled);
    assertThat(valueSum(sampledValues, D1, all)).isCloseTo(0.8, within(1e-9));
    // The same paths in reverse order and over other partitions give the same rows exactly.
    List<Object[]> reversed = new ArrayList<>(List.of(paths));
    Collections.reverse(reversed);
    Dataset<Row> again =
        sampledFourChannelSet(rows(PATHS, reversed.toArray(Object[][]::new)).repartition(3));
    assertSameRows(sampledValues, again);
  }

  @Test
  void argumentsAreChecked() {
    Dataset<Row> coalitions = ShapleyValues.coalitions(rows(PATHS, path(D1, 1, 0, "email")));

    assertThatThrownBy(() -> ShapleyValues.values(coalitions, 0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxExactChannels must be in 1..16, got 0");
    assertThatThrownBy(() -> ShapleyValues.values(coalitions, 17, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxExactChannels must be in 1..16, got 17");
    assertThatThrownBy(() -> ShapleyValues.values(coalitions, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samplePermutations must be at least 1, got 0");
  }

  /** The 4-channel set's rows with 3 channels exact at most and 4000 permutations. */
  private static Dataset<Row> sampledFourChannelSet(Dataset<Row> paths) {
    return ShapleyValues.values(ShapleyValues.coalitions(paths), 3, 4000)
        .where(col("channels").equalTo(4));
  }

  private static Object[] path(
      Date fitDate, long conversions, long nonConversions, String... channels) {
    return new Object[] {fitDate, channels, conversions, nonConversions};
  }

  private static Object[] extra(Object[] path) {
    Object[] row = Arrays.copyOf(path, path.length + 1);
    row[path.length] = "ignored";
    return row;
  }

  private static String[] pair(String first, String second) {
    return new String[] {first, second};
  }

  /** One expected row of attribution_channel_sets, method exact. */
  private static Object[] value(
      Date fitDate,
      String key,
      String[] set,
      String channel,
      long converting,
      long nonConverting,
      double rate,
      double shapleyValue) {
    return new Object[] {
      fitDate,
      key,
      set,
      set.length,
      channel,
      converting,
      nonConverting,
      rate,
      shapleyValue,
      ShapleyValues.EXACT
    };
  }

  /**
   * The table's column names and types (not nullability), then the rows, doubles to within {@code
   * tolerance}.
   */
  private static void assertValues(Dataset<Row> actual, double tolerance, Object[]... expected) {
    assertColumns(actual, AttributionTables.ATTRIBUTION_CHANNEL_SETS.schema());
    // Keyed first: the approximate assert orders both sides by their first column only.
    assertSameRowsApproximately(keyed(rows(actual.schema(), expected)), keyed(actual), tolerance);
  }

  private static Dataset<Row> keyed(Dataset<Row> values) {
    return values.select(
        concat_ws(" / ", col("fit_date").cast("string"), col("channel_set_key"), col("channel"))
            .as("row_key"),
        col("*"));
  }

  private static void assertColumns(Dataset<Row> actual, StructType expected) {
    assertThat(actual.schema().fieldNames()).containsExactly(expected.fieldNames());
    assertThat(types(actual.schema())).isEqualTo(types(expected));
  }

  private static List<DataType> types(StructType schema) {
    return Arrays.stream(schema.fields()).map(StructField::dataType).toList();
  }

  private static double valueSum(Dataset<Row> values, Date fitDate, String key) {
    return values
        .where(col("fit_date").equalTo(fitDate).and(col("channel_set_key").equalTo(key)))
        .agg(sum("shapley_value"))
        .first()
        .getDouble(0);
  }
}
