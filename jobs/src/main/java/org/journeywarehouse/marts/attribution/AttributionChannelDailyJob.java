package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.AttributionTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Sums attribution_credit for dashboards: per conversion date, model, channel and campaign the
 * fractional conversions and revenue, split by new and returning customers. Rewrites the same dates
 * as attribution_credit (the run's and the reprocessing window), gated on adding up to the
 * conversions and revenue it summarizes.
 */
public final class AttributionChannelDailyJob implements Job {
  static final String NAME = "attribution_channel_daily";
  private static final double TOLERANCE = 1e-9;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Fractional conversions and revenue per conversion date, model, channel and campaign.",
        List.of(AttributionTables.ATTRIBUTION_CREDIT.id().defaultQualifiedName()),
        List.of(AttributionTables.ATTRIBUTION_CHANNEL_DAILY),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    LocalDate from = context.from().minusDays(context.settings().marts().reprocessDays());
    LocalDate to = context.to();
    Dataset<Row> credits =
        InputTables.read(
                context, NAME, AttributionTables.ATTRIBUTION_CREDIT, AttributionCreditJob.NAME)
            .where(col("conversion_date").between(lit(from), lit(to)));
    Dataset<Row> daily =
        AttributionChannelDaily.summarize(credits).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row check = check(credits, daily);
      long conversions = check.getLong(0);
      long badGroups = check.getLong(1);
      long rows = check.getLong(2);
      boolean passed =
          context
              .quality()
              .record(
                  "attribution_channel_daily_adds_up",
                  context.tables().qualifiedName(AttributionTables.ATTRIBUTION_CHANNEL_DAILY),
                  context.to(),
                  badGroups == 0,
                  "date_models=%d conversions=%d not_adding_up=%d"
                      .formatted(check.getLong(3), conversions, badGroups));
      if (!passed) {
        throw new JobFailedException(
            ("%s: %d (date, model) group(s) whose conversions or revenue do not add up to"
                    + " attribution_credit's; nothing was written")
                .formatted(NAME, badGroups));
      }
      context.tables().ensure(AttributionTables.ATTRIBUTION_CHANNEL_DAILY);
      context
          .tables()
          .replaceSlice(
              AttributionTables.ATTRIBUTION_CHANNEL_DAILY,
              daily,
              from,
              to,
              null,
              context.commitNote(NAME));
      String summary =
          "summed %d conversion-model(s) of %s..%s into %d row(s)"
              .formatted(conversions, from, to, rows);
      context.progress().accept("%s: %s".formatted(NAME, summary));
      return JobResult.written(conversions, rows);
    } finally {
      daily.unpersist();
    }
  }

  /**
   * One row: conversion-models credited, (date, model) groups whose daily conversions differ from
   * the number of conversions or whose revenue differs from their revenue, daily rows, and (date,
   * model) groups.
   */
  private static Row check(Dataset<Row> credits, Dataset<Row> daily) {
    Dataset<Row> expected =
        credits
            .groupBy("conversion_date", "model")
            .agg(
                countDistinct("order_id").as("orders"),
                sum("credited_revenue").as("expected_revenue"));
    Dataset<Row> summed =
        daily
            .groupBy("conversion_date", "model")
            .agg(
                sum("conversions").as("conversions"),
                sum("revenue").as("revenue"),
                count(lit(1)).as("rows"));
    return expected
        .join(summed, new String[] {"conversion_date", "model"}, "full_outer")
        .agg(
            coalesce(sum("orders"), lit(0L)),
            count(
                when(
                    col("orders")
                        .isNull()
                        .or(col("conversions").isNull())
                        .or(abs(col("conversions").minus(col("orders"))).gt(TOLERANCE))
                        .or(col("revenue").notEqual(col("expected_revenue"))),
                    1)),
            coalesce(sum("rows"), lit(0L)),
            count(lit(1)))
        .first();
  }
}
