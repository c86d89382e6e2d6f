package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Fits the data-driven models for every date of the run and of the reprocessing window before
 * it: Markov removal effects and Shapley values over the trailing fit window of converting and
 * non-converting paths. A date's fit depends only on the data, so nights, backfills and reruns
 * agree; attribution_credit credits each conversion with the fit of its own date.
 */
public final class AttributionModelFitJob implements Job {
  static final String NAME = "attribution_model_fit";
  /** Shapley values of a set must sum to its rate, Markov shares to 1: doubles, so a tolerance. */
  private static final double TOLERANCE = 1e-9;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Markov removal effects and Shapley values per fit date over the trailing fit window.",
        List.of(name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS)),
        List.of(AttributionTables.ATTRIBUTION_MODEL_FIT, AttributionTables.ATTRIBUTION_CHANNEL_SETS),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    JourneySettings.Attribution settings = context.settings().attribution();
    LocalDate fitFrom = context.from().minusDays(settings.reprocessDays());
    LocalDate fitTo = context.to();
    int window = settings.fitWindowDays();
    LocalDate windowStart = fitFrom.minusDays(window - 1L);
    boolean markov = settings.runs(AttributionModelFit.MARKOV);
    boolean shapley = settings.runs(AttributionModelFit.SHAPLEY);
    List<String> models =
        settings.models().stream().filter(JourneySettings.Attribution.DATA_DRIVEN::contains).toList();
    context.progress().accept(
        "%s: fitting %s for %s..%s, each over the %d days up to it"
            .formatted(NAME, models, fitFrom, fitTo, window));

    AttributionInputs inputs = AttributionInputs.read(context, NAME, windowStart, fitTo);
    AttributionPaths.Lookback lookback =
        new AttributionPaths.Lookback(Duration.ofDays(settings.lookbackDays()), settings.resetAtConversion());
    Dataset<Row> touches = AttributionPaths.touches(inputs.conversions(), inputs.sessions(), lookback);
    Dataset<Row> summaries =
        AttributionPaths.pathSummaries(
                AttributionPaths.convertingPaths(touches), inputs.sessions(), inputs.conversions(),
                fitFrom, fitTo, window, lookback)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> channelSets = null;
    Dataset<Row> fitRows = null;
    try {
      Dataset<Row> pathCounts = AttributionModelFit.pathCounts(summaries);
      Dataset<Row> markovEffects = markov ? AttributionModelFit.markovEffects(summaries) : null;
      channelSets =
          shapley
              ? ShapleyValues.values(ShapleyValues.coalitions(summaries),
                      settings.shapleyMaxExactChannels(), settings.shapleySamplePermutations())
                  .persist(StorageLevel.MEMORY_AND_DISK())
              : empty(context, AttributionTables.ATTRIBUTION_CHANNEL_SETS);
      Dataset<Row> shapleyEffects = shapley ? AttributionModelFit.shapleyEffects(channelSets) : null;
      fitRows =
          (markov || shapley)
              ? AttributionModelFit.fitRows(pathCounts, markovEffects, shapleyEffects, window)
                  .persist(StorageLevel.MEMORY_AND_DISK())
              : empty(context, AttributionTables.ATTRIBUTION_MODEL_FIT);
      FitCounts counts = check(context, fitRows, channelSets);

      String commitNote = context.commitNote(NAME);
      context.tables().ensure(AttributionTables.ATTRIBUTION_MODEL_FIT);
      context.tables().ensure(AttributionTables.ATTRIBUTION_CHANNEL_SETS);
      context.tables().replaceSlice(AttributionTables.ATTRIBUTION_MODEL_FIT, fitRows, fitFrom, fitTo, null, commitNote);
      context.tables().replaceSlice(AttributionTables.ATTRIBUTION_CHANNEL_SETS, channelSets, fitFrom, fitTo, null, commitNote);
      String summary =
          "fitted %d date(s) %s..%s: %d converting and %d non-converting paths on the last date, %d channel sets"
              .formatted(counts.fitDates(), fitFrom, fitTo, counts.lastConverting(),
                  counts.lastNonConverting(), counts.sets());
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(counts.lastConverting() + counts.lastNonConverting(),
          counts.fitRows() + counts.setRows(), 0, 0, 0, summary);
    } finally {
      if (fitRows != null) {
        fitRows.unpersist();
      }
      if (channelSets != null) {
        channelSets.unpersist();
      }
      summaries.unpersist();
    }
  }

  /** What the gates saw, for the progress line and job_runs. */
  private record FitCounts(long fitDates, long lastConverting, long lastNonConverting, long sets, long fitRows, long setRows) {}

  /**
   * Gates before any write, each recorded: Markov shares sum to 1 per fit date, and every
   * channel set's Shapley values sum to its conversion rate (efficiency).
   */
  private static FitCounts check(JobContext context, Dataset<Row> fitRows, Dataset<Row> channelSets) {
    Row fit =
        fitRows
            .groupBy("fit_date", "model")
            .agg(sum("effect_share").as("share_sum"), count(lit(1)).as("rows"),
                max("total_converting_paths").as("converting"), max("total_non_converting_paths").as("non_converting"))
            .agg(
                count(when(col("model").equalTo(AttributionModelFit.MARKOV)
                    .and(col("share_sum").isNotNull())
                    .and(abs(col("share_sum").minus(1)).gt(TOLERANCE)), 1)).as("bad_markov_dates"),
                countDistinct(col("fit_date")).as("fit_dates"),
                sum("rows").as("rows"),
                max(struct(col("fit_date"), col("converting"), col("non_converting"))).as("last"))
            .first();
    Row sets =
        channelSets
            .groupBy("fit_date", "channel_set_key")
            .agg(sum("shapley_value").as("value_sum"), max("conversion_rate").as("rate"), count(lit(1)).as("rows"))
            .agg(
                count(when(abs(col("value_sum").minus(col("rate"))).gt(TOLERANCE), 1)).as("inefficient_sets"),
                count(lit(1)).as("sets"),
                sum("rows").as("rows"))
            .first();
    long badMarkov = fit.getLong(0);
    long inefficient = sets.getLong(0);
    String table = context.tables().qualifiedName(AttributionTables.ATTRIBUTION_MODEL_FIT);
    boolean sharesOk =
        context.quality().record("attribution_fit_markov_shares", table, context.to(), badMarkov == 0,
            "fit_dates=%d dates_not_summing_to_1=%d".formatted(fit.getLong(1), badMarkov));
    boolean efficient =
        context.quality().record("attribution_fit_shapley_efficiency",
            context.tables().qualifiedName(AttributionTables.ATTRIBUTION_CHANNEL_SETS), context.to(),
            inefficient == 0, "sets=%d sets_not_summing_to_rate=%d".formatted(sets.getLong(1), inefficient));
    if (!sharesOk || !efficient) {
      throw new JobFailedException(
          ("%s: the fit failed its gates (%d fit date(s) whose Markov shares do not sum to 1, %d"
                  + " channel set(s) whose Shapley values do not sum to their rate); nothing was written")
              .formatted(NAME, badMarkov, inefficient));
    }
    Row last = fit.isNullAt(3) ? null : fit.getStruct(3);
    return new FitCounts(
        fit.getLong(1),
        last == null || last.isNullAt(1) ? 0 : last.getLong(1),
        last == null || last.isNullAt(2) ? 0 : last.getLong(2),
        sets.getLong(1),
        fit.isNullAt(2) ? 0 : fit.getLong(2),
        sets.isNullAt(2) ? 0 : sets.getLong(2));
  }

  /** No rows: a model switched off loses its rows of the run's dates. */
  private static Dataset<Row> empty(JobContext context, TableDefinition table) {
    return context.spark().createDataFrame(List.of(), table.schema());
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
