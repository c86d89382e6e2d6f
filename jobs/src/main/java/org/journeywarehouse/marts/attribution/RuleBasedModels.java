package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.config.JourneySettings;

/**
 * The rule-based attribution models of DESIGN.md (Attribution): each conversion's credit and
 * revenue split over the touches of its path. Pure: Dataset in, Dataset out.
 */
public final class RuleBasedModels {
  /** The channel last non-direct skips by default (GA4's default channel group name). */
  public static final String DIRECT = "Direct";

  public static final String FIRST_TOUCH = "first_touch";
  public static final String LAST_TOUCH = "last_touch";
  public static final String LAST_NON_DIRECT = "last_non_direct";
  public static final String LINEAR = "linear";
  public static final String POSITION_BASED = "position_based";
  public static final String TIME_DECAY = "time_decay";

  /** The six, in the order of DESIGN.md. */
  public static final List<String> ALL =
      List.of(FIRST_TOUCH, LAST_TOUCH, LAST_NON_DIRECT, LINEAR, POSITION_BASED, TIME_DECAY);

  private static final double MICROS_PER_DAY = 86_400_000_000d;

  private RuleBasedModels() {}

  /**
   * The models' parameters.
   *
   * @param halfLifeDays time decay: a touch this many days older weighs half as much (> 0)
   * @param positionFirstShare position based: the first touch's share of paths of 3 or more
   * @param positionLastShare position based: the last touch's share; the rest is split over the
   *     middle touches, and a two-touch path splits first : last in this ratio
   * @param directChannels channels last non-direct skips unless a path has nothing else
   */
  public record Parameters(
      double halfLifeDays,
      double positionFirstShare,
      double positionLastShare,
      List<String> directChannels) {
    /** DESIGN.md's defaults: a 7-day half-life, 40/20/40, and Direct as the direct channel. */
    public static final Parameters DEFAULTS = new Parameters(7, 0.4, 0.4, List.of(DIRECT));

    /** The parameters as configured under {@code journey.attribution}. */
    public static Parameters of(JourneySettings.Attribution settings) {
      return new Parameters(
          settings.halfLifeDays(),
          settings.positionBasedFirst(),
          settings.positionBasedLast(),
          settings.directChannels());
    }

    public Parameters {
      directChannels = List.copyOf(directChannels);
      if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
        throw new IllegalArgumentException(
            "halfLifeDays must be a positive number of days, got " + halfLifeDays);
      }
      boolean sharesValid =
          positionFirstShare >= 0
              && positionLastShare >= 0
              && positionFirstShare + positionLastShare > 0
              && positionFirstShare + positionLastShare <= 1;
      if (!sharesValid) {
        throw new IllegalArgumentException(
            "position shares must be >= 0 with 0 < first + last <= 1, got first "
                + positionFirstShare
                + " and last "
                + positionLastShare);
      }
    }
  }

  /**
   * One row per touch and model ({@code order_id, model, touch_index, credit, credited_revenue})
   * for first_touch, last_touch, last_non_direct, linear, position_based and time_decay.
   *
   * <p>{@code touches} has one row per conversion and touch: {@code order_id, revenue}
   * (decimal(18,2)), {@code conversion_at, touch_index} (1-based, by time then session_id), {@code
   * touch_count, touch_at, channel}. Per order and model the credits (double) sum to 1 and {@code
   * credited_revenue} sums to {@code revenue} exactly ({@link CreditAllocation}, ties to the lower
   * {@code touch_index}). Conversions without touches are not this method's: they have no row here.
   */
  public static Dataset<Row> credit(Dataset<Row> touches, Parameters parameters) {
    return credit(touches, parameters, ALL);
  }

  /**
   * As {@link #credit(Dataset, Parameters)}, for the named models only (a subset of {@link #ALL}).
   */
  public static Dataset<Row> credit(
      Dataset<Row> touches, Parameters parameters, List<String> models) {
    if (models.isEmpty() || !ALL.containsAll(models)) {
      throw new IllegalArgumentException(
          "models must be a non-empty subset of " + ALL + ", got " + models);
    }
    WindowSpec perOrder = Window.partitionBy(col("order_id"));
    Column ageMicros = unix_micros(col("conversion_at")).minus(unix_micros(col("touch_at")));
    Column ageDays = ageMicros.divide(MICROS_PER_DAY);
    Column notDirect =
        col("channel").isNull().or(not(col("channel").isin(parameters.directChannels().toArray())));
    // Window values first: a window function cannot sit inside the generator below.
    Dataset<Row> withPathFacts =
        touches
            .withColumn("age_days", ageDays)
            .withColumn("youngest_age_days", min(col("age_days")).over(perOrder))
            .withColumn(
                "last_non_direct_index", max(when(notDirect, col("touch_index"))).over(perOrder));
    Map<String, Column> weightOf =
        Map.of(
            FIRST_TOUCH, indicator(col("touch_index").equalTo(1)),
            LAST_TOUCH, indicator(col("touch_index").equalTo(col("touch_count"))),
            LAST_NON_DIRECT, lastNonDirect(),
            LINEAR, lit(1d),
            POSITION_BASED, positionBased(parameters),
            TIME_DECAY, timeDecay(parameters.halfLifeDays()));
    Column weights =
        array(models.stream().map(m -> model(m, weightOf.get(m))).toArray(Column[]::new));
    Dataset<Row> weighted =
        withPathFacts
            .select(col("order_id"), col("revenue"), col("touch_index"), explode(weights).as("m"))
            .select(
                col("order_id"),
                col("revenue"),
                col("touch_index"),
                col("m.model").as("model"),
                col("m.weight").as("weight"));
    WindowSpec perOrderAndModel = Window.partitionBy(col("order_id"), col("model"));
    Dataset<Row> credited =
        weighted.withColumn("credit", col("weight").divide(sum("weight").over(perOrderAndModel)));
    return CreditAllocation.allocate(
            credited,
            List.of("order_id", "model"),
            "weight",
            "revenue",
            "touch_index",
            "credited_revenue")
        .select("order_id", "model", "touch_index", "credit", "credited_revenue");
  }

  private static Column model(String name, Column weight) {
    return struct(lit(name).as("model"), weight.cast(DataTypes.DoubleType).as("weight"));
  }

  private static Column indicator(Column condition) {
    return when(condition, 1d).otherwise(0d);
  }

  /** The last touch not on Direct; the last touch when every touch is Direct. */
  private static Column lastNonDirect() {
    Column target = coalesce(col("last_non_direct_index"), col("touch_count"));
    return indicator(col("touch_index").equalTo(target));
  }

  /** One touch: all; two: first : last in their ratio; more: first, last, rest over middle. */
  private static Column positionBased(Parameters parameters) {
    double first = parameters.positionFirstShare();
    double last = parameters.positionLastShare();
    double middle = 1 - first - last;
    Column index = col("touch_index");
    Column count = col("touch_count");
    Column isFirst = index.equalTo(1);
    Column isLast = index.equalTo(count);
    Column ofTwo = when(isFirst, first / (first + last)).otherwise(last / (first + last));
    return when(count.equalTo(1), 1d)
        .when(count.equalTo(2), ofTwo)
        .when(isFirst, first)
        .when(isLast, last)
        .otherwise(lit(middle).divide(count.minus(2)));
  }

  /**
   * {@code 2^(-age/halfLife)}, age in fractional days before the conversion, taken relative to the
   * youngest touch (the credits are the same, and old touches cannot underflow to 0).
   */
  private static Column timeDecay(double halfLifeDays) {
    Column relativeAge = col("age_days").minus(col("youngest_age_days"));
    return pow(lit(2d), relativeAge.divide(-halfLifeDays));
  }
}
