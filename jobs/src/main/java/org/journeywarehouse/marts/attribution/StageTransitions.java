package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.stages.JourneyStages.AWARENESS;
import static org.journeywarehouse.marts.stages.JourneyStages.CONSIDERATION;
import static org.journeywarehouse.marts.stages.JourneyStages.PURCHASE;
import static org.journeywarehouse.marts.stages.JourneyStages.RETENTION;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.journeywarehouse.catalog.Columns;

/**
 * Stage transitions (awareness->consideration, consideration->purchase, purchase->retention)
 * credited to the sessions between the two stages under the rule-based models, as the rows of
 * {@code stage_attribution}. Pure: Datasets in, Dataset out.
 */
public final class StageTransitions {
  /** Channel and campaign of a transition with no session on its path (as for conversions). */
  public static final String NONE = AttributionPaths.NONE;

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private StageTransitions() {}

  /** "awareness->consideration" and so on: the transition column's values. */
  public static String name(String fromStage, String toStage) {
    return fromStage + "->" + toStage;
  }

  /**
   * One row per customer and transition whose two stages are both observed, in order: {@code
   * customer_key, transition, from_stage, to_stage, from_at, to_at, transition_date} (to_at's date
   * in {@code zone}), {@code revenue} (the first order's for ->purchase, the second's for
   * ->retention, 0.00 for ->consideration).
   *
   * @param stages {@link org.journeywarehouse.marts.stages.JourneyStages#observed}
   */
  public static Dataset<Row> transitions(Dataset<Row> stages, ZoneId zone) {
    Column steps =
        array(
            step(AWARENESS, CONSIDERATION, lit(BigDecimal.ZERO)),
            step(CONSIDERATION, PURCHASE, col("first_order_revenue")),
            step(PURCHASE, RETENTION, col("second_order_revenue")));
    return stages
        .select(col("customer_key"), explode(steps).as("t"))
        .select(col("customer_key"), col("t.*"))
        .where(col("from_at").isNotNull().and(col("to_at").isNotNull()))
        .where(col("from_at").leq(col("to_at")))
        // The session runs in UTC; the date is cut in the reporting zone.
        .withColumn("transition_date", to_date(from_utc_timestamp(col("to_at"), zone.getId())))
        .select(
            "customer_key",
            "transition",
            "from_stage",
            "to_stage",
            "from_at",
            "to_at",
            "transition_date",
            "revenue");
  }

  /**
   * The transitions' paths in the input shape of {@link RuleBasedModels#credit}: one row per
   * transition and session with {@code max(from_at, to_at - lookback) <= session_start_at <= to_at}
   * (exact instants), {@code order_id} = customer_key|transition, {@code conversion_at} = to_at,
   * {@code touch_index} by session start then session_id, plus the transition's columns, {@code
   * session_id} and {@code campaign}. A transition without such a session keeps one row:
   * touch_index 0, touch_count 0, no session, channel and campaign {@link #NONE}.
   */
  public static Dataset<Row> paths(
      Dataset<Row> transitions, Dataset<Row> sessions, int lookbackDays) {
    Column windowStart =
        greatest(
            unix_micros(col("x.from_at")),
            unix_micros(col("x.to_at")).minus(lit(lookbackDays * MICROS_PER_DAY)));
    Column onPath =
        col("x.customer_key")
            .equalTo(col("s.customer_key"))
            .and(unix_micros(col("s.session_start_at")).geq(windowStart))
            .and(col("s.session_start_at").leq(col("x.to_at")));
    Column orderId = concat_ws("|", col("x.customer_key"), col("x.transition"));
    WindowSpec perTransition = Window.partitionBy(col("order_id"));
    Column hasSession = col("session_id").isNotNull();
    Column noSession = col("s.session_id").isNull();
    return transitions
        .as("x")
        .join(sessions.as("s"), onPath, "left_outer")
        .select(
            col("x.*"),
            orderId.as("order_id"),
            col("x.to_at").as("conversion_at"),
            col("s.session_id"),
            col("s.session_start_at").as("touch_at"),
            when(noSession, lit(NONE)).otherwise(col("s.channel")).as("channel"),
            when(noSession, lit(NONE)).otherwise(col("s.campaign")).as("campaign"))
        .withColumn(
            "touch_index",
            when(
                    hasSession,
                    row_number().over(perTransition.orderBy(col("touch_at"), col("session_id"))))
                .otherwise(0))
        .withColumn("touch_count", count(col("session_id")).over(perTransition).cast("int"));
  }

  /**
   * Every path row credited under {@code models}: the path's columns plus {@code model, credit,
   * credited_revenue}. Per transition and model the credits sum to 1 and credited_revenue to the
   * transition's revenue to the cent; a transition without a session is credited 100% to its (none)
   * row in every model, never dropped.
   */
  public static Dataset<Row> credit(
      Dataset<Row> paths, RuleBasedModels.Parameters parameters, List<String> models) {
    Dataset<Row> touched = paths.where(col("touch_count").gt(0));
    Dataset<Row> credits = RuleBasedModels.credit(touched, parameters, models);
    Dataset<Row> creditedTouches =
        credits
            .as("c")
            .join(
                touched.as("t"),
                col("c.order_id")
                    .equalTo(col("t.order_id"))
                    .and(col("c.touch_index").equalTo(col("t.touch_index"))))
            .select(col("t.*"), col("c.model"), col("c.credit"), col("c.credited_revenue"));
    Column everyModel = array(models.stream().map(m -> lit(m)).toArray(Column[]::new));
    Dataset<Row> untouched =
        paths
            .where(col("touch_count").equalTo(0))
            .withColumn("model", explode(everyModel))
            .withColumn("credit", lit(1d))
            .withColumn("credited_revenue", col("revenue"));
    return creditedTouches.unionByName(untouched);
  }

  /**
   * The mart's rows: per transition_date, transition, model, channel and campaign, the touches
   * (credited rows, a (none) row counting as one), the fractional transitions (sum of credit) and
   * the credited revenue.
   */
  public static Dataset<Row> mart(Dataset<Row> credited) {
    return credited
        .groupBy(
            col("transition_date"),
            col("transition"),
            col("from_stage"),
            col("to_stage"),
            col("model"),
            col("channel"),
            col("campaign"))
        .agg(
            count(lit(1)).as("touches"),
            sum(col("credit")).as("transitions"),
            sum(col("credited_revenue")).cast(Columns.MONEY).as("revenue"));
  }

  private static Column step(String fromStage, String toStage, Column revenue) {
    return struct(
        lit(name(fromStage, toStage)).as("transition"),
        lit(fromStage).as("from_stage"),
        lit(toStage).as("to_stage"),
        col(fromStage + "_at").as("from_at"),
        col(toStage + "_at").as("to_at"),
        revenue.cast(Columns.MONEY).as("revenue"));
  }
}
