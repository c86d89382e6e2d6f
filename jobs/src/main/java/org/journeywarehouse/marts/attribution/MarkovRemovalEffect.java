package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code markov} model's global fit of DESIGN.md (Attribution): a first-order chain over
 * channels with start, conversion and null states, and each channel's removal effect {@code 1 -
 * P(conversion without channel) / P(conversion)}, solved exactly by linear algebra (not
 * simulation). Pure.
 *
 * <p>Two steps: {@link #transitionCounts} (Spark, one aggregation over the path summaries) and
 * {@link #removalEffects} (plain Java on the tiny channels x channels count matrix, collected once
 * by {@link #collectTransitions}).
 */
public final class MarkovRemovalEffect {
  public static final String START = "(start)";
  public static final String CONVERSION = "(conversion)";
  public static final String NULL = "(null)";

  private MarkovRemovalEffect() {}

  /** One edge of the chain: how many path steps went from {@code from} to {@code to}. */
  public record Transition(String from, String to, long count) {}

  /**
   * One channel's global result.
   *
   * @param removalEffect {@code 1 - P(conversion with the channel's state redirected to null) /
   *     P(conversion)}, in [0, 1] up to rounding of the last bits; 0 when P(conversion) is 0
   * @param share the removal effect over the sum of all channels' removal effects; null for every
   *     channel when all removal effects are 0 (no conversion, or no channel matters)
   */
  public record ChannelEffect(String channel, double removalEffect, Double share) {}

  /**
   * The fit: P(conversion) from the start state and one {@link ChannelEffect} per channel, ordered
   * by channel name.
   */
  public record Fit(double conversionProbability, List<ChannelEffect> channels) {}

  /**
   * First-order transition counts ({@code from string, to string, count long}) of path summaries
   * ({@code path array<string>} of channels in order, {@code conversions long}, {@code
   * non_conversions long}), in one aggregation, nothing collected.
   *
   * <p>Each path adds conversions + non_conversions to {@code (start) -> c1} and to every {@code ci
   * -> ci+1} (repeated channels give self-loops, which do not change removal effects), conversions
   * to {@code last -> (conversion)} and non_conversions to {@code last -> (null)}. Null counts are
   * 0; empty or null paths and zero-count edges give no rows. Channels must not be null nor one of
   * the three reserved state names.
   */
  public static Dataset<Row> transitionCounts(Dataset<Row> paths) {
    return transitionCounts(paths, List.of());
  }

  /**
   * As {@link #transitionCounts(Dataset)}, one chain per value of {@code keys} (fit_date): the
   * output starts with the key columns, then {@code from, to, count}.
   */
  public static Dataset<Row> transitionCounts(Dataset<Row> paths, List<String> keys) {
    Column conversions = coalesce(col("conversions"), lit(0L));
    Column nonConversions = coalesce(col("non_conversions"), lit(0L));
    Column total = conversions.plus(nonConversions);
    Column path = col("path");
    // Step i (0-based) enters channel i from channel i - 1 (element_at is 1-based, so element_at
    // (path, i)), or from the start state for i = 0.
    Column steps =
        transform(
            path,
            (channel, i) ->
                edge(
                    when(i.equalTo(0), lit(START)).otherwise(element_at(path, i)), channel, total));
    Column last = element_at(path, -1);
    Column exits =
        array(edge(last, lit(CONVERSION), conversions), edge(last, lit(NULL), nonConversions));
    List<Column> selected = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
    selected.add(explode(concat(steps, exits)).as("e"));
    List<Column> grouping = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
    grouping.add(col("e.from").as("from"));
    grouping.add(col("e.to").as("to"));
    return paths
        .where(path.isNotNull().and(size(path).gt(0)))
        .select(selected.toArray(Column[]::new))
        .where(col("e.count").gt(0))
        .groupBy(grouping.toArray(Column[]::new))
        .agg(sum(col("e.count")).as("count"));
  }

  private static Column edge(Column from, Column to, Column count) {
    return struct(from.as("from"), to.as("to"), count.cast(DataTypes.LongType).as("count"));
  }

  /** The one collect: the output of {@link #transitionCounts} (tiny) to the driver. */
  public static List<Transition> collectTransitions(Dataset<Row> transitionCounts) {
    List<Transition> transitions = new ArrayList<>();
    for (Row row : transitionCounts.select("from", "to", "count").collectAsList()) {
      transitions.add(new Transition(row.getString(0), row.getString(1), row.getLong(2)));
    }
    return transitions;
  }

  /**
   * P(conversion) and every channel's removal effect and share, exactly: transition probabilities
   * are counts over the state's outgoing total; absorption probabilities solve {@code (I - Q) x =
   * r} over the transient states (start and channels) by Gaussian elimination with partial
   * pivoting, Q the transient-to-transient probabilities and r the probabilities into {@code
   * (conversion)}. Removing a channel redirects every transition into it to {@code (null)} (its x
   * is fixed to 0) and solves again. Cycles are fine.
   *
   * @throws IllegalArgumentException on a negative count, a transition out of an absorbing state or
   *     into the start state, or a channel without outgoing transitions
   */
  public static Fit removalEffects(List<Transition> transitions) {
    TreeSet<String> channelSet = new TreeSet<>();
    for (Transition t : transitions) {
      if (t.count() < 0) {
        throw new IllegalArgumentException("negative transition count: " + t);
      }
      if (t.from().equals(CONVERSION) || t.from().equals(NULL) || t.to().equals(START)) {
        throw new IllegalArgumentException(
            "transition from an absorbing state or into start: " + t);
      }
      for (String state : new String[] {t.from(), t.to()}) {
        if (!state.equals(START) && !state.equals(CONVERSION) && !state.equals(NULL)) {
          channelSet.add(state);
        }
      }
    }
    List<String> channels = new ArrayList<>(channelSet);
    // Transient states: 0 = start, 1..n = channels in name order.
    int n = channels.size() + 1;
    Map<String, Integer> index = new HashMap<>();
    index.put(START, 0);
    for (int k = 0; k < channels.size(); k++) {
      index.put(channels.get(k), k + 1);
    }
    double[][] counts = new double[n][n];
    double[] toConversion = new double[n];
    double[] outgoing = new double[n];
    for (Transition t : transitions) {
      int from = index.get(t.from());
      outgoing[from] += t.count();
      if (t.to().equals(CONVERSION)) {
        toConversion[from] += t.count();
      } else if (!t.to().equals(NULL)) {
        counts[from][index.get(t.to())] += t.count();
      }
    }
    for (int k = 1; k < n; k++) {
      if (outgoing[k] == 0) {
        throw new IllegalArgumentException(
            "channel " + channels.get(k - 1) + " has no outgoing transitions");
      }
    }
    if (outgoing[0] == 0) {
      return new Fit(0, channels.stream().map(c -> new ChannelEffect(c, 0, null)).toList());
    }
    double[][] q = new double[n][n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        q[i][j] = counts[i][j] / outgoing[i];
      }
      r[i] = toConversion[i] / outgoing[i];
    }
    double conversion = conversionProbability(q, r, -1);
    double[] effects = new double[channels.size()];
    double effectSum = 0;
    for (int k = 0; k < channels.size(); k++) {
      effects[k] = conversion == 0 ? 0 : 1 - conversionProbability(q, r, k + 1) / conversion;
      effectSum += effects[k];
    }
    List<ChannelEffect> result = new ArrayList<>();
    for (int k = 0; k < channels.size(); k++) {
      Double share = effectSum == 0 ? null : effects[k] / effectSum;
      result.add(new ChannelEffect(channels.get(k), effects[k], share));
    }
    return new Fit(conversion, List.copyOf(result));
  }

  /** x[start] of {@code (I - Q) x = r}; state {@code removed} (if >= 0) is pinned to x = 0. */
  private static double conversionProbability(double[][] q, double[] r, int removed) {
    int n = r.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      if (i == removed) {
        a[i][i] = 1; // x_removed = 0: reaching the removed channel means null
        continue;
      }
      for (int j = 0; j < n; j++) {
        a[i][j] = (i == j ? 1 : 0) - (j == removed ? 0 : q[i][j]);
      }
      a[i][n] = r[i];
    }
    return solve(a)[0];
  }

  /** Gaussian elimination with partial pivoting on the augmented n x (n + 1) matrix. */
  static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (a[pivot][col] == 0) {
        throw new IllegalArgumentException("singular system: a closed loop never reaches an end");
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        if (factor != 0) {
          for (int k = col; k <= n; k++) {
            a[row][k] -= factor * a[col][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double value = a[row][n];
      for (int k = row + 1; k < n; k++) {
        value -= a[row][k] * x[k];
      }
      x[row] = value / a[row][row];
    }
    return x;
  }
}
