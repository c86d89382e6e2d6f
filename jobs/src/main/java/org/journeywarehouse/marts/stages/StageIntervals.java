package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.journeywarehouse.marts.stages.JourneyStages.ADVOCACY;
import static org.journeywarehouse.marts.stages.JourneyStages.AWARENESS;
import static org.journeywarehouse.marts.stages.JourneyStages.CONSIDERATION;
import static org.journeywarehouse.marts.stages.JourneyStages.PURCHASE;
import static org.journeywarehouse.marts.stages.JourneyStages.RETENTION;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Days and visits between a customer's stages (reference/marts.md 4.3), and whether a pair was
 * observed in order, so only real journeys feed transition-time percentiles. Pure: Datasets in,
 * Dataset out.
 */
public final class StageIntervals {
  /** Microseconds in a day: days are fractional, seconds / 86400. */
  static final double MICROS_PER_DAY = 86_400_000_000d;

  /**
   * A stage transition whose days, sessions and observed flag customer_stages carries.
   *
   * @param cohortBasis the stage whose month is the transition's cohort month
   */
  public record Pair(String from, String to, String cohortBasis) {
    /** "awareness_to_consideration": the suffix of the pair's customer_stages columns. */
    public String suffix() {
      return from + "_to_" + to;
    }

    /** "awareness->consideration", as stage_attribution names transitions. */
    public String transition() {
      return from + "->" + to;
    }
  }

  /**
   * The consecutive pairs and the headline awareness->purchase. Advocacy follows purchase (it
   * implies awareness only); a pair from purchase is cohorted by the purchase month, the others by
   * the awareness month.
   */
  public static final List<Pair> PAIRS =
      List.of(
          new Pair(AWARENESS, CONSIDERATION, AWARENESS),
          new Pair(CONSIDERATION, PURCHASE, AWARENESS),
          new Pair(PURCHASE, RETENTION, PURCHASE),
          new Pair(PURCHASE, ADVOCACY, PURCHASE),
          new Pair(AWARENESS, PURCHASE, AWARENESS));

  private StageIntervals() {}

  /**
   * Adds, for every pair of {@link #PAIRS}: {@code days_<pair>} (from the effective from-stage to
   * the effective to-stage, fractional), {@code sessions_<pair>} (the customer's sessions with
   * {@code from_at <= session_start_at <= to_at}, so the session of the later stage counts and a
   * conversion in the first visit is 1; 0 without any) and {@code is_observed_<pair>} (both stages
   * observed at their effective time, from before or at to, and awareness not shown by the first
   * order itself, which is the purchase and no journey). Days and sessions are null when a stage is
   * missing or the to-stage came first (a promoter answer before the first order).
   *
   * @param stages {@link JourneyStages#effective} rows
   * @param sessions customer_key, session_start_at: the sessions to count (up to the as-of date)
   */
  public static Dataset<Row> withIntervals(Dataset<Row> stages, Dataset<Row> sessions) {
    List<Column> visits = new ArrayList<>(List.of(col("stage.*")));
    List<Column> counts = new ArrayList<>();
    for (Pair pair : PAIRS) {
      Column start = col("v.session_start_at");
      Column inside =
          start.geq(col("s." + pair.from() + "_at")).and(start.leq(col("s." + pair.to() + "_at")));
      counts.add(count(when(inside, lit(1))).as("visits_" + pair.suffix()));
      visits.add(col("visits_" + pair.suffix()));
    }
    // One pass: the stage columns are the same on every joined row of a customer, so max(struct)
    // only carries them through the count (joining counts back would compute the stages twice).
    Dataset<Row> counted =
        stages
            .as("s")
            .join(
                sessions.select("customer_key", "session_start_at").as("v"),
                col("s.customer_key").equalTo(col("v.customer_key")),
                "left_outer")
            .groupBy(col("s.customer_key"))
            .agg(max(struct(col("s.*"))).as("stage"), counts.toArray(Column[]::new))
            .select(visits.toArray(Column[]::new));
    List<Column> columns = new ArrayList<>();
    for (String column : stages.columns()) {
      columns.add(col(column));
    }
    for (Pair pair : PAIRS) {
      Column from = col(pair.from() + "_at");
      Column to = col(pair.to() + "_at");
      Column ordered = from.leq(to);
      Column days = unix_micros(to).minus(unix_micros(from)).divide(MICROS_PER_DAY);
      columns.add(when(ordered, days).as("days_" + pair.suffix()));
      columns.add(when(ordered, col("visits_" + pair.suffix())).as("sessions_" + pair.suffix()));
      columns.add(observedInOrder(pair).as("is_observed_" + pair.suffix()));
    }
    return counted.select(columns.toArray(Column[]::new));
  }

  private static Column observedInOrder(Pair pair) {
    Column fromObserved = col(pair.from() + "_observed_at");
    Column toObserved = col(pair.to() + "_observed_at");
    Column atEffective =
        fromObserved
            .equalTo(col(pair.from() + "_at"))
            .and(toObserved.equalTo(col(pair.to() + "_at")));
    Column observed = atEffective.and(fromObserved.leq(toObserved));
    if (pair.from().equals(AWARENESS)) {
      // Awareness shown by the first order is the purchase itself, not a journey to time.
      observed = observed.and(col("awareness_source").notEqual(lit("order")));
    }
    return coalesce(observed, lit(false));
  }
}
