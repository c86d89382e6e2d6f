package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Paths of DESIGN.md (Attribution): a conversion's touches are its customer's sessions with {@code
 * conversion_at - lookback <= session_start_at <= conversion_at}, ordered by time, then session_id.
 * The data-driven fits also need non-converting paths: customers with sessions but no conversion in
 * the fit window, whose path is the sessions within the lookback of their last session. Pure:
 * Dataset in, Dataset out.
 */
public final class AttributionPaths {
  /** Channel and campaign of the row that credits a conversion with no touch. */
  public static final String NONE = "(none)";

  private AttributionPaths() {}

  /**
   * How a path is cut.
   *
   * @param lookback touches at most this long before the conversion (inclusive)
   * @param resetAtConversion a touch must also start after the customer's previous conversion
   */
  public record Lookback(Duration lookback, boolean resetAtConversion) {
    public Lookback {
      if (lookback.isNegative() || lookback.isZero()) {
        throw new IllegalArgumentException("lookback must be positive, got " + lookback);
      }
    }

    long micros() {
      return lookback.toNanos() / 1_000;
    }
  }

  /**
   * Adds {@code previous_conversion_at}: the customer's previous counted order (by time, then order
   * id), null for the first. Needs every conversion of the customer, not only a slice.
   */
  public static Dataset<Row> withPreviousConversion(Dataset<Row> conversions) {
    WindowSpec byCustomer =
        Window.partitionBy(col("customer_key")).orderBy(col("conversion_at"), col("order_id"));
    return conversions.withColumn(
        "previous_conversion_at", lag(col("conversion_at"), 1).over(byCustomer));
  }

  /**
   * One row per conversion and touch: {@code order_id, customer_key, conversion_at,
   * conversion_date, revenue, is_new_customer, touch_index} (1-based by session start, then
   * session_id), {@code touch_count, session_id, touch_at, channel, campaign}. A conversion without
   * a touch keeps one row with touch_index and touch_count 0, channel and campaign {@link #NONE}
   * and null session: it is never dropped.
   *
   * <p>{@code conversions}: order_id, customer_key, conversion_at, conversion_date, revenue,
   * is_first_order, and previous_conversion_at when the lookback resets at conversions. {@code
   * sessions}: session_id, customer_key, session_start_at, channel, campaign.
   */
  public static Dataset<Row> touches(
      Dataset<Row> conversions, Dataset<Row> sessions, Lookback lookback) {
    Dataset<Row> c = conversions.alias("c");
    Dataset<Row> s =
        sessions
            .select(
                col("customer_key"),
                col("session_id"),
                col("session_start_at").as("touch_at"),
                col("channel"),
                col("campaign"))
            .alias("s");
    Column conversionMicros = unix_micros(col("c.conversion_at"));
    Column touchMicros = unix_micros(col("s.touch_at"));
    Column inWindow =
        col("c.customer_key")
            .equalTo(col("s.customer_key"))
            .and(touchMicros.geq(conversionMicros.minus(lit(lookback.micros()))))
            .and(touchMicros.leq(conversionMicros));
    if (lookback.resetAtConversion()) {
      inWindow =
          inWindow.and(
              col("c.previous_conversion_at")
                  .isNull()
                  .or(col("s.touch_at").gt(col("c.previous_conversion_at"))));
    }
    WindowSpec perOrder = Window.partitionBy(col("order_id"));
    Column touched = col("session_id").isNotNull();
    Column position =
        row_number().over(perOrder.orderBy(col("touch_at").asc_nulls_last(), col("session_id")));
    return c.join(s, inWindow, "left")
        .select(
            col("c.order_id").as("order_id"), col("c.customer_key").as("customer_key"),
            col("c.conversion_at").as("conversion_at"),
                col("c.conversion_date").as("conversion_date"),
            col("c.revenue").as("revenue"), col("c.is_first_order").as("is_new_customer"),
            col("s.session_id").as("session_id"), col("s.touch_at").as("touch_at"),
            col("s.channel").as("channel"), col("s.campaign").as("campaign"))
        .withColumn(
            "touch_count", count(col("session_id")).over(perOrder).cast(DataTypes.IntegerType))
        .withColumn("touch_index", when(touched, position).otherwise(0).cast(DataTypes.IntegerType))
        .withColumn("channel", when(touched, col("channel")).otherwise(lit(NONE)))
        .withColumn("campaign", when(touched, col("campaign")).otherwise(lit(NONE)))
        .select(
            "order_id",
            "customer_key",
            "conversion_at",
            "conversion_date",
            "revenue",
            "is_new_customer",
            "touch_index",
            "touch_count",
            "session_id",
            "touch_at",
            "channel",
            "campaign");
  }

  /**
   * One row per conversion with at least one touch: {@code order_id, conversion_date, path} (its
   * channels in touch order), from the output of {@link #touches}.
   */
  public static Dataset<Row> convertingPaths(Dataset<Row> touches) {
    return touches
        .where(col("touch_count").gt(0))
        .groupBy(col("order_id"), col("conversion_date"))
        .agg(channelsInOrder(collect_list(struct(col("touch_index"), col("channel")))).as("path"));
  }

  /**
   * The fits' path summaries for every fit date in [{@code fitFrom}, {@code fitTo}]: {@code
   * fit_date, path, conversions, non_conversions}, one row per fit date and distinct path. Fit date
   * F covers the days [F - windowDays + 1, F]:
   *
   * <ul>
   *   <li>converting: each conversion dated in the window with at least one touch, its path from
   *       {@code convertingPaths};
   *   <li>non-converting: each customer with a session dated in the window and no conversion dated
   *       in it; the path is the sessions in [last - lookback, last], last = the start of the
   *       customer's last session dated up to F.
   * </ul>
   *
   * {@code sessions}: customer_key, session_id, session_start_at, session_date, channel; they must
   * reach back to {@code fitFrom - windowDays - lookback}. {@code conversions}: customer_key,
   * conversion_date: every conversion of the window, touched or not.
   */
  public static Dataset<Row> pathSummaries(
      Dataset<Row> convertingPaths,
      Dataset<Row> sessions,
      Dataset<Row> conversions,
      LocalDate fitFrom,
      LocalDate fitTo,
      int windowDays,
      Lookback lookback) {
    FitDates fits = new FitDates(fitFrom, fitTo, windowDays);
    // Per conversion date first: a date's distinct paths are far fewer than its conversions.
    Dataset<Row> converting =
        convertingPaths
            .groupBy(col("conversion_date"), col("path"))
            .agg(count(lit(1)).as("conversions"))
            .select(
                explode(fits.covering(col("conversion_date"))).as("fit_date"),
                col("path"),
                col("conversions"),
                lit(0L).as("non_conversions"));
    Dataset<Row> nonConverting =
        lastSessionPaths(sessions, fits, lookback)
            .join(
                convertedFitDates(conversions, fits),
                new String[] {"customer_key", "fit_date"},
                "left_anti")
            .groupBy(col("fit_date"), col("path"))
            .agg(count(lit(1)).as("non_conversions"))
            .select(
                col("fit_date"), col("path"), lit(0L).as("conversions"), col("non_conversions"));
    return converting
        .unionByName(nonConverting)
        .groupBy(col("fit_date"), col("path"))
        .agg(sum("conversions").as("conversions"), sum("non_conversions").as("non_conversions"));
  }

  /** The sorted distinct channels of a path. */
  public static Column channelSet(Column path) {
    return array_sort(array_distinct(path));
  }

  /**
   * Every (customer, fit date, path) where a session is the customer's last one dated up to the fit
   * date and inside its window: session s dated d is last for fit dates d .. (next session's date -
   * 1), and inside the window up to d + windowDays - 1.
   */
  private static Dataset<Row> lastSessionPaths(
      Dataset<Row> sessions, FitDates fits, Lookback lookback) {
    Column startMicros = unix_micros(col("session_start_at"));
    // One ordering for both windows, so the sessions are sorted once. Sessions starting at the
    // same instant share their RANGE frame, hence their path; lead picks one of them as the
    // earlier (its range is then empty) and the other gets the range: the same rows either way.
    WindowSpec byStart = Window.partitionBy(col("customer_key")).orderBy(startMicros);
    // RANGE frame on the start instant: every session in [start - lookback, start], ties included.
    WindowSpec lookbackFrame = byStart.rangeBetween(-lookback.micros(), Window.currentRow());
    Column path =
        channelsInOrder(
            collect_list(struct(startMicros, col("session_id"), col("channel")))
                .over(lookbackFrame));
    Column lastFitDate =
        least(
            coalesce(
                date_sub(lead(col("session_date"), 1).over(byStart), 1),
                date_add(col("session_date"), fits.windowDays() - 1)),
            date_add(col("session_date"), fits.windowDays() - 1));
    Dataset<Row> ranges =
        sessions.select(
            col("customer_key"),
            col("session_date"),
            path.as("path"),
            greatest(col("session_date"), lit(fits.from())).as("first_fit"),
            least(lastFitDate, lit(fits.to())).as("last_fit"));
    return ranges
        .where(col("first_fit").leq(col("last_fit")))
        .select(
            col("customer_key"),
            col("path"),
            explode(sequence(col("first_fit"), col("last_fit"))).as("fit_date"));
  }

  /**
   * (customer_key, fit_date) of every fit date whose window holds one of the customer's
   * conversions.
   */
  private static Dataset<Row> convertedFitDates(Dataset<Row> conversions, FitDates fits) {
    return conversions
        .select(col("customer_key"), explode(fits.covering(col("conversion_date"))).as("fit_date"))
        .distinct();
  }

  /** Channels of a list of structs whose first field orders them and whose last is the channel. */
  private static Column channelsInOrder(Column structs) {
    return transform(array_sort(structs), t -> t.getField("channel"));
  }

  /** The fit dates of a run and the days each one's window covers. */
  private record FitDates(LocalDate from, LocalDate to, int windowDays) {
    FitDates {
      if (to.isBefore(from) || windowDays < 1) {
        throw new IllegalArgumentException(
            "fit dates %s..%s with a %d-day window".formatted(from, to, windowDays));
      }
    }

    /** The fit dates among [from, to] whose window holds day {@code date}: empty if none. */
    Column covering(Column date) {
      Column first = greatest(date, lit(from));
      Column last = least(date_add(date, windowDays - 1), lit(to));
      return when(first.leq(last), sequence(first, last))
          .otherwise(org.apache.spark.sql.functions.array().cast("array<date>"));
    }
  }
}
