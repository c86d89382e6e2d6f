package org.journeywarehouse.marts.stages;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_marts.stage_transition_times} and {@code stage_transition_histogram} from
 * customer_stages, as of the date it describes: how many customers move from each stage to the
 * next, how fast, and the days histogram. Current state like its input; a run for an older date
 * than the tables describe keeps them. Before writing it checks that every grouping level of a
 * transition adds up to the same customers, that the total is every entrant of customer_stages, and
 * that the histogram's bars sum to the observed pairs; a failed check writes nothing.
 */
public final class StageTransitionTimesJob implements Job {
  static final String NAME = "stage_transition_times";
  private static final TableDefinition TIMES = StageTables.STAGE_TRANSITION_TIMES;
  private static final TableDefinition HISTOGRAM = StageTables.STAGE_TRANSITION_HISTOGRAM;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Stage transitions per cohort month and first-touch channel: conversion over matured"
            + " entrants, days and sessions percentiles, days histogram.",
        List.of(StageTables.CUSTOMER_STAGES.id().defaultQualifiedName()),
        List.of(TIMES, HISTOGRAM),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TIMES)) {
      return CurrentState.kept(context, TIMES);
    }
    StagesInput input = StagesInput.read(context, NAME);
    JourneySettings.Stages settings = context.settings().stages();
    Dataset<Row> transitions = StageTransitionTimes.transitions(input.rows());
    // Each is read by the gate and by its write: kept so it is computed once.
    Dataset<Row> times =
        StageTransitionTimes.summarize(transitions, settings.windowDays(), input.asOf())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> histogram =
        StageTransitionHistogram.histogram(
                transitions,
                StageTransitionHistogram.buckets(settings.histogramBucketDays()),
                Date.valueOf(input.asOf().date()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageTransitionChecks checks =
          StageTransitionChecks.of(
              StageTransitionChecks.counts(transitions, times, histogram).first());
      check(context, checks);
      context.tables().ensure(TIMES);
      context.tables().ensure(HISTOGRAM);
      context.tables().replaceAll(TIMES, times, context.commitNote(NAME));
      context.tables().replaceAll(HISTOGRAM, histogram, context.commitNote(NAME));
      String summary =
          "summarized %d transitions as of %s: %d rows, %d histogram rows"
              .formatted(
                  checks.transitions(), input.asOf().date(), checks.rows(), checks.histogramRows());
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return new JobResult(
          checks.transitions(), checks.rows() + checks.histogramRows(), 0, 0, 0, summary);
    } finally {
      times.unpersist();
      histogram.unpersist();
    }
  }

  /** Records both gates, then fails before any write if either does not hold. */
  private static void check(JobContext context, StageTransitionChecks checks) {
    boolean rollUps =
        context
            .quality()
            .record(
                StageTransitionChecks.ROLL_UPS,
                context.tables().qualifiedName(TIMES),
                context.to(),
                checks.rollUpsAddUp(),
                checks.observed());
    boolean bars =
        context
            .quality()
            .record(
                StageTransitionChecks.HISTOGRAM,
                context.tables().qualifiedName(HISTOGRAM),
                context.to(),
                checks.histogramAddsUp(),
                checks.observed());
    if (!rollUps || !bars) {
      throw new JobFailedException(
          ("%s: %d transition(s) whose grouping levels do not add up to their entrants and %d"
                  + " whose histogram does not sum to the observed pairs (%s); nothing was"
                  + " written")
              .formatted(
                  NAME,
                  checks.unbalancedTransitions(),
                  checks.unbalancedHistograms(),
                  checks.observed()));
    }
  }
}
