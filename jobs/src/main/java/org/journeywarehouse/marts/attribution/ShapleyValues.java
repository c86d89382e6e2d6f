package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.factorial;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The {@code shapley} model's coalitions of DESIGN.md (Attribution): the value of a channel set S
 * is the conversion rate of the paths whose distinct channel set is exactly S, and each channel of
 * a set gets its Shapley value in the game over the set's subsets. Each fit date is a game of its
 * own. Pure Spark, nothing collected, no UDF.
 *
 * <p>Two steps: {@link #coalitions} (one aggregation over the path summaries) and {@link #values}
 * (the rows of {@code attribution_channel_sets}: exact over every subset for small sets, a mean
 * over deterministic permutations for large ones).
 */
public final class ShapleyValues {
  public static final String EXACT = "exact";
  public static final String SAMPLED = "sampled";

  /** Joins a set's sorted channels into its key; channels must not contain it. */
  private static final String SEPARATOR = " + ";

  /** 2^16 subsets per set is the most the exact method enumerates (and 16! fits a long). */
  private static final int MAX_EXACT_CHANNELS_LIMIT = 16;

  /**
   * Contributions are summed as decimals: a decimal sum is exact, so the result does not depend on
   * the order in which Spark's partitions meet (a double sum does, in its last bits). 18 places
   * keep the rounding of 2^16 terms below 1e-13.
   */
  private static final DecimalType CONTRIBUTION = DataTypes.createDecimalType(38, 18);

  private static final String[] SET_COLUMNS = {
    "fit_date",
    "channel_set_key",
    "channel_set",
    "channels",
    "converting_paths",
    "non_converting_paths",
    "conversion_rate"
  };

  /** The columns of attribution_channel_sets, in its order. */
  private static final String[] OUTPUT_COLUMNS = {
    "fit_date",
    "channel_set_key",
    "channel_set",
    "channels",
    "channel",
    "converting_paths",
    "non_converting_paths",
    "conversion_rate",
    "shapley_value",
    "shapley_method"
  };

  private ShapleyValues() {}

  /**
   * The coalitions of each fit date: one row per fit date and distinct channel set seen on a path,
   * with the paths that had exactly that set.
   *
   * <p>Input: one row per fit date and distinct ordered path, {@code fit_date date, path
   * array<string>} (channels in touch order, repeats possible), {@code conversions long,
   * non_conversions long}; other columns are ignored. Repeats and order do not matter: a path
   * counts for the set of its distinct channels. Null channels are dropped; paths without channels
   * (v(empty) = 0 by definition) and sets with no path in total give no row. Channel names must not
   * contain {@code " + "}, which would make two sets share a key.
   *
   * <p>Output: {@code fit_date date, channel_set_key string} (the sorted channels joined by {@code
   * " + "}), {@code channel_set array<string>} (sorted, distinct), {@code channels int}, {@code
   * converting_paths long, non_converting_paths long} (sums of conversions and non_conversions),
   * {@code conversion_rate double} (converting / (converting + non-converting): the coalition's
   * value v(S)).
   */
  public static Dataset<Row> coalitions(Dataset<Row> pathSummaries) {
    // array_compact drops null channels; the coalesce (never taken) lets Spark type the elements
    // as non-null, as attribution_channel_sets declares them.
    Column channels = transform(array_compact(col("path")), channel -> coalesce(channel, lit("")));
    Column channelSet = array_sort(array_distinct(channels));
    Column converting = col("converting_paths");
    Column nonConverting = col("non_converting_paths");
    return pathSummaries
        .select(
            col("fit_date"),
            channelSet.as("channel_set"),
            col("conversions").cast(DataTypes.LongType).as("conversions"),
            col("non_conversions").cast(DataTypes.LongType).as("non_conversions"))
        .where(size(col("channel_set")).gt(0))
        .groupBy("fit_date", "channel_set")
        .agg(
            sum("conversions").as("converting_paths"),
            sum("non_conversions").as("non_converting_paths"))
        .where(converting.plus(nonConverting).gt(0))
        .select(
            col("fit_date"),
            array_join(col("channel_set"), SEPARATOR).as("channel_set_key"),
            col("channel_set"),
            size(col("channel_set")).as("channels"),
            converting,
            nonConverting,
            converting
                .cast(DataTypes.DoubleType)
                .divide(converting.plus(nonConverting))
                .as("conversion_rate"));
  }

  /**
   * Every member channel's Shapley value in each coalition: the rows of {@code
   * attribution_channel_sets}. For a set N of n channels, {@code phi_i = sum over S subset of N \
   * {i} of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S))}, where v is the conversion rate of the
   * coalition of the same fit date (0 for a set not seen, and for the empty set). The values of a
   * set sum to its own conversion rate v(N) and may be negative (not clipped here).
   *
   * <p>Sets of up to {@code maxExactChannels} channels are {@code exact}: every non-empty subset T
   * of N is enumerated as a bitmask and {@code phi_i = sum over T of v(T) * (i in T ? w(|T| - 1) :
   * -w(|T|))} with {@code w(s) = s! (n - s - 1)! / n!}, in one aggregation over all sets. Larger
   * sets are {@code sampled}: the mean over {@code samplePermutations} permutations of the
   * channel's marginal contribution {@code v(channels before it and it) - v(channels before it)}.
   * Permutation k (1-based) orders the channels by {@code xxhash64(channel_set_key, k, channel)},
   * ties by channel name, so the same input gives the same values on every run; each permutation's
   * contributions add up to v(N), so the sampled values do too.
   *
   * <p>Input: the output of {@link #coalitions}. Output: {@code fit_date date, channel_set_key
   * string, channel_set array<string>, channels int, channel string, converting_paths long,
   * non_converting_paths long, conversion_rate double, shapley_value double, shapley_method string}
   * ({@code exact} or {@code sampled}), one row per fit date, set and member channel.
   *
   * @throws IllegalArgumentException if {@code maxExactChannels} is not in 1..16 or {@code
   *     samplePermutations} is below 1
   */
  public static Dataset<Row> values(
      Dataset<Row> coalitions, int maxExactChannels, int samplePermutations) {
    if (maxExactChannels < 1 || maxExactChannels > MAX_EXACT_CHANNELS_LIMIT) {
      throw new IllegalArgumentException(
          "maxExactChannels must be in 1.."
              + MAX_EXACT_CHANNELS_LIMIT
              + ", got "
              + maxExactChannels);
    }
    if (samplePermutations < 1) {
      throw new IllegalArgumentException(
          "samplePermutations must be at least 1, got " + samplePermutations);
    }
    // An empty set has no members to value (and sequence(1, 0) would count down).
    Dataset<Row> sets = coalitions.select(columns(SET_COLUMNS)).where(col("channels").gt(0));
    Dataset<Row> subsetValues =
        coalitions.select(
            col("fit_date").as("_value_date"),
            col("channel_set_key").as("_value_key"),
            col("conversion_rate").as("_value"));
    Dataset<Row> contributions =
        exactContributions(sets.where(col("channels").leq(maxExactChannels)), subsetValues)
            .unionByName(
                sampledContributions(
                    sets.where(col("channels").gt(maxExactChannels)),
                    subsetValues,
                    samplePermutations));
    return contributions
        .groupBy(columns(SET_COLUMNS, "channel", "shapley_method"))
        .agg(
            sum(col("_contribution").cast(CONTRIBUTION))
                .cast(DataTypes.DoubleType)
                .as("shapley_value"))
        .select(columns(OUTPUT_COLUMNS));
  }

  /**
   * One row per set, non-empty subset T (bitmask {@code _mask}, bit p for channel_set[p]) and
   * member channel i: {@code v(T) * w(|T| - 1)} if i is in T, else {@code -v(T) * w(|T|)}.
   */
  private static Dataset<Row> exactContributions(Dataset<Row> sets, Dataset<Row> subsetValues) {
    Column mask = col("_mask");
    Column n = col("channels");
    Column allSubsets = sequence(lit(1), call_function("shiftleft", lit(1), n).minus(1));
    // The subset keeps the set's sort order, so joining it gives a channel_set_key.
    Column subset = filter(col("channel_set"), (channel, p) -> isMember(mask, p));
    Dataset<Row> subsets =
        sets.withColumn("_mask", explode(allSubsets))
            .withColumn("_subset_key", array_join(subset, SEPARATOR))
            .withColumn("_subset_size", size(subset));
    Column t = col("_subset_size");
    Column signedWeight =
        when(isMember(mask, col("_position")), weight(t.minus(1), n))
            .otherwise(weight(t, n).multiply(-1));
    return withSubsetValues(subsets, subsetValues)
        .select(col("*"), posexplode(col("channel_set")).as(new String[] {"_position", "channel"}))
        .withColumn("shapley_method", lit(EXACT))
        .withColumn("_contribution", col("_subset_value").multiply(signedWeight))
        .select(columns(SET_COLUMNS, "channel", "shapley_method", "_contribution"));
  }

  /**
   * One row per set, permutation k (1..K) and position j (0-based): the channel at j and its
   * marginal contribution divided by K, {@code (v(first j + 1 channels) - v(first j channels)) /
   * K}, so that summing a channel's rows gives the mean.
   */
  private static Dataset<Row> sampledContributions(
      Dataset<Row> sets, Dataset<Row> subsetValues, int permutations) {
    Column permutation = col("_permutation");
    // Sorting (hash, channel) structs orders by the hash, ties by the channel name.
    Column order =
        transform(
            array_sort(
                transform(
                    col("channel_set"),
                    channel ->
                        struct(
                            xxhash64(col("channel_set_key"), permutation, channel).as("hash"),
                            channel.as("channel")))),
            entry -> entry.getField("channel"));
    Column prefix = array_sort(slice(col("_order"), lit(1), col("_position").plus(1)));
    Dataset<Row> steps =
        sets.withColumn("_permutation", explode(sequence(lit(1), lit(permutations))))
            .withColumn("_order", order)
            .select(col("*"), posexplode(col("_order")).as(new String[] {"_position", "channel"}))
            .withColumn("_subset_key", array_join(prefix, SEPARATOR));
    // The value before the channel joined is the previous prefix's; v(empty) = 0 at position 0.
    Column before =
        lag(col("_subset_value"), 1, 0d)
            .over(
                Window.partitionBy(col("fit_date"), col("channel_set_key"), permutation)
                    .orderBy(col("_position")));
    return withSubsetValues(steps, subsetValues)
        .withColumn("shapley_method", lit(SAMPLED))
        .withColumn("_contribution", col("_subset_value").minus(before).divide(permutations))
        .select(columns(SET_COLUMNS, "channel", "shapley_method", "_contribution"));
  }

  /** Adds {@code _subset_value}: v of {@code _subset_key} on the same fit date, 0 if unseen. */
  private static Dataset<Row> withSubsetValues(Dataset<Row> rows, Dataset<Row> subsetValues) {
    Column sameCoalition =
        col("fit_date")
            .equalTo(col("_value_date"))
            .and(col("_subset_key").equalTo(col("_value_key")));
    return rows.join(subsetValues, sameCoalition, "left")
        .withColumn("_subset_value", coalesce(col("_value"), lit(0d)))
        .drop("_value_date", "_value_key", "_value");
  }

  /** Whether bit {@code position} of {@code mask} is set. */
  private static Column isMember(Column mask, Column position) {
    return call_function("shiftright", mask, position).bitwiseAND(lit(1)).equalTo(1);
  }

  /** {@code s! (n - s - 1)! / n!}: the weight of a coalition of s channels joined by one more. */
  private static Column weight(Column s, Column n) {
    return factorial(s)
        .multiply(factorial(n.minus(s).minus(1)))
        .cast(DataTypes.DoubleType)
        .divide(factorial(n));
  }

  private static Column[] columns(String[] names, String... more) {
    return Stream.concat(Arrays.stream(names), Arrays.stream(more))
        .map(name -> col(name))
        .toArray(Column[]::new);
  }
}
