package org.journeywarehouse.marts.attribution;

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
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Fits the data-driven models for every date of the run and of the reprocessing window before it:
 * Markov removal effects and Shapley values over the trailing fit window of converting and
 * non-converting paths. A date's fit depends only on the data, so nights, backfills and reruns
 * agree; attribution_credit credits each conversion with the fit of its own date.
 */
public final class AttributionModelFitJob implements Job {
  static final String NAME = "attribution_model_fit";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Markov removal effects and Shapley values per fit date over the trailing fit window.",
        List.of(name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS)),
        List.of(
            AttributionTables.ATTRIBUTION_MODEL_FIT, AttributionTables.ATTRIBUTION_CHANNEL_SETS),
        false);
  }

  /** The fit dates of a run and the days their windows reach back to. */
  private record FitDates(LocalDate from, LocalDate to, int windowDays) {
    static FitDates of(JobContext context) {
      JourneySettings.Attribution settings = context.settings().attribution();
      return new FitDates(
          context.from().minusDays(context.settings().marts().reprocessDays()),
          context.to(),
          settings.fitWindowDays());
    }

    LocalDate firstWindowDay() {
      return from.minusDays(windowDays - 1L);
    }
  }

  /** The two outputs, kept while the gates and the writes read them. */
  private record Fit(Dataset<Row> fitRows, Dataset<Row> channelSets) {
    void unpersist() {
      fitRows.unpersist();
      channelSets.unpersist();
    }
  }

  @Override
  public JobResult run(JobContext context) {
    FitDates dates = FitDates.of(context);
    JourneySettings.Attribution settings = context.settings().attribution();
    List<String> models =
        settings.models().stream()
            .filter(JourneySettings.Attribution.DATA_DRIVEN::contains)
            .toList();
    context
        .progress()
        .accept(
            "%s: fitting %s for %s..%s, each over the %d days up to it"
                .formatted(NAME, models, dates.from(), dates.to(), dates.windowDays()));
    AttributionInputs read =
        AttributionInputs.read(context, NAME, dates.firstWindowDay(), dates.to());
    // The converting and the non-converting paths both read the sessions: scanned once.
    Dataset<Row> sessions = read.sessions().persist(StorageLevel.MEMORY_AND_DISK());
    AttributionInputs inputs = new AttributionInputs(read.conversions(), sessions);
    Dataset<Row> summaries =
        pathSummaries(context, inputs, dates).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Fit fit = fit(context, summaries, dates.windowDays());
      try {
        FitChecks.Outcome outcome = FitChecks.check(fit.fitRows(), fit.channelSets());
        gate(context, outcome);
        write(context, fit, dates);
        return result(context, outcome, dates);
      } finally {
        fit.unpersist();
      }
    } finally {
      summaries.unpersist();
      sessions.unpersist();
    }
  }

  private static JobResult result(JobContext context, FitChecks.Outcome outcome, FitDates dates) {
    String summary =
        ("fitted %d date(s) %s..%s: %d converting and %d non-converting paths on the last date,"
                + " %d channel sets")
            .formatted(
                outcome.fitDates(),
                dates.from(),
                dates.to(),
                outcome.lastConverting(),
                outcome.lastNonConverting(),
                outcome.sets());
    context.progress().accept("%s: %s".formatted(NAME, summary));
    return new JobResult(
        outcome.lastConverting() + outcome.lastNonConverting(),
        outcome.fitRows() + outcome.setRows(),
        0,
        0,
        0,
        summary);
  }

  /** Distinct converting and non-converting paths with their counts, per fit date. */
  private static Dataset<Row> pathSummaries(
      JobContext context, AttributionInputs inputs, FitDates dates) {
    JourneySettings.Attribution settings = context.settings().attribution();
    AttributionPaths.Lookback lookback =
        new AttributionPaths.Lookback(
            Duration.ofDays(settings.lookbackDays()), settings.resetAtConversion());
    Dataset<Row> touches =
        AttributionPaths.touches(inputs.conversions(), inputs.sessions(), lookback);
    return AttributionPaths.pathSummaries(
        AttributionPaths.convertingPaths(touches),
        inputs.sessions(),
        inputs.conversions(),
        dates.from(),
        dates.to(),
        dates.windowDays(),
        lookback);
  }

  /** The enabled models' fits; a model switched off gets no rows, so its old ones go. */
  private static Fit fit(JobContext context, Dataset<Row> summaries, int windowDays) {
    JourneySettings.Attribution settings = context.settings().attribution();
    boolean markov = settings.runs(AttributionModelFit.MARKOV);
    boolean shapley = settings.runs(AttributionModelFit.SHAPLEY);
    Dataset<Row> channelSets =
        shapley
            ? ShapleyValues.values(
                    ShapleyValues.coalitions(summaries),
                    settings.shapleyMaxExactChannels(),
                    settings.shapleySamplePermutations())
                .persist(StorageLevel.MEMORY_AND_DISK())
            : empty(context, AttributionTables.ATTRIBUTION_CHANNEL_SETS);
    if (!markov && !shapley) {
      return new Fit(empty(context, AttributionTables.ATTRIBUTION_MODEL_FIT), channelSets);
    }
    Dataset<Row> fitRows =
        AttributionModelFit.fitRows(
                AttributionModelFit.pathCounts(summaries),
                markov ? AttributionModelFit.markovEffects(summaries) : null,
                shapley ? AttributionModelFit.shapleyEffects(channelSets) : null,
                windowDays)
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new Fit(fitRows, channelSets);
  }

  /** Records both gates, then fails before any write if either does not hold. */
  private static void gate(JobContext context, FitChecks.Outcome outcome) {
    context
        .quality()
        .record(
            "attribution_fit_markov_shares",
            context.tables().qualifiedName(AttributionTables.ATTRIBUTION_MODEL_FIT),
            context.to(),
            outcome.datesNotSummingToOne() == 0,
            "fit_dates=%d dates_not_summing_to_1=%d"
                .formatted(outcome.fitDates(), outcome.datesNotSummingToOne()));
    context
        .quality()
        .record(
            "attribution_fit_shapley_efficiency",
            context.tables().qualifiedName(AttributionTables.ATTRIBUTION_CHANNEL_SETS),
            context.to(),
            outcome.inefficientSets() == 0,
            "sets=%d sets_not_summing_to_rate=%d"
                .formatted(outcome.sets(), outcome.inefficientSets()));
    if (!outcome.passed()) {
      throw new JobFailedException(
          ("%s: the fit failed its gates (%d fit date(s) whose Markov shares do not sum to 1, %d"
                  + " channel set(s) whose Shapley values do not sum to their rate); nothing was"
                  + " written")
              .formatted(NAME, outcome.datesNotSummingToOne(), outcome.inefficientSets()));
    }
  }

  private static void write(JobContext context, Fit fit, FitDates dates) {
    String note = context.commitNote(NAME);
    for (TableDefinition table :
        List.of(
            AttributionTables.ATTRIBUTION_MODEL_FIT, AttributionTables.ATTRIBUTION_CHANNEL_SETS)) {
      context.tables().ensure(table);
    }
    context
        .tables()
        .replaceSlice(
            AttributionTables.ATTRIBUTION_MODEL_FIT,
            fit.fitRows(),
            dates.from(),
            dates.to(),
            null,
            note);
    context
        .tables()
        .replaceSlice(
            AttributionTables.ATTRIBUTION_CHANNEL_SETS,
            fit.channelSets(),
            dates.from(),
            dates.to(),
            null,
            note);
  }

  /** No rows: a model switched off loses its rows of the run's dates. */
  private static Dataset<Row> empty(JobContext context, TableDefinition table) {
    return context.spark().createDataFrame(List.of(), table.schema());
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
