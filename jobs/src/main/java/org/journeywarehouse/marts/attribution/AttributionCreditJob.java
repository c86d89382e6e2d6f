package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
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
 * Credits each counted order's revenue to the sessions in its lookback window, per model, for the
 * run's dates and the reprocessing window before them (late orders, refunds and sessions are
 * credited again; a rerun writes the same rows). Gated before the write: per conversion and model
 * the credits sum to 1 and the cents to its revenue, and the slice reconciles with
 * journey_silver.conversions to the cent.
 */
public final class AttributionCreditJob implements Job {
  static final String NAME = "attribution_credit";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Each conversion's credit and revenue per model and touch, to the cent.",
        List.of(
            name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS),
            name(AttributionTables.ATTRIBUTION_MODEL_FIT),
                name(AttributionTables.ATTRIBUTION_CHANNEL_SETS)),
        List.of(AttributionTables.ATTRIBUTION_CREDIT),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    JourneySettings.Attribution settings = context.settings().attribution();
    LocalDate from = context.from().minusDays(context.settings().marts().reprocessDays());
    LocalDate to = context.to();
    context
        .progress()
        .accept(
            "%s: crediting conversions of %s..%s with %s"
                .formatted(NAME, from, to, settings.models()));
    AttributionInputs inputs = AttributionInputs.read(context, NAME, from, to);
    AttributionPaths.Lookback lookback =
        new AttributionPaths.Lookback(
            Duration.ofDays(settings.lookbackDays()), settings.resetAtConversion());
    Dataset<Row> touches =
        AttributionPaths.touches(inputs.conversions(), inputs.sessions(), lookback)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Read by the gates and by the write: kept so the paths and models run once.
      Dataset<Row> credits =
          AttributionCredit.credit(touches, models(context, settings, touches, from, to))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        CreditChecks.Outcome outcome =
            CreditChecks.check(credits, inputs.conversions(), settings.models().size());
        gate(context, outcome);
        context.tables().ensure(AttributionTables.ATTRIBUTION_CREDIT);
        context
            .tables()
            .replaceSlice(
                AttributionTables.ATTRIBUTION_CREDIT,
                credits,
                from,
                to,
                null,
                context.commitNote(NAME));
        String summary =
            ("credited %d conversion(s) of %s..%s, revenue %s, %d row(s); %d data-driven"
                    + " fallback(s) to linear")
                .formatted(
                    outcome.conversions(),
                    from,
                    to,
                    outcome.revenue().toPlainString(),
                    outcome.rows(),
                    outcome.fallbacks());
        context.progress().accept("%s: %s".formatted(NAME, summary));
        return new JobResult(outcome.conversions(), outcome.rows(), 0, 0, 0, summary);
      } finally {
        credits.unpersist();
      }
    } finally {
      touches.unpersist();
    }
  }

  /**
   * The enabled models and the stored fits they need. A conversion date with touches but no fit
   * means attribution_model_fit has not run for it: the job fails naming the dates.
   */
  private static AttributionCredit.Models models(
      JobContext context,
      JourneySettings.Attribution settings,
      Dataset<Row> touches,
      LocalDate from,
      LocalDate to) {
    Dataset<Row> fit = null;
    Dataset<Row> channelSets = null;
    if (settings.runs(AttributionModelFit.MARKOV) || settings.runs(AttributionModelFit.SHAPLEY)) {
      fit =
          InputTables.read(
                  context,
                  NAME,
                  AttributionTables.ATTRIBUTION_MODEL_FIT,
                  AttributionModelFitJob.NAME)
              .where(col("fit_date").between(lit(from), lit(to)));
      channelSets =
          InputTables.read(
                  context,
                  NAME,
                  AttributionTables.ATTRIBUTION_CHANNEL_SETS,
                  AttributionModelFitJob.NAME)
              .where(col("fit_date").between(lit(from), lit(to)));
      List<String> unfitted = unfittedDates(touches, fit, settings);
      if (!unfitted.isEmpty()) {
        throw new JobFailedException(
            "Cannot run %s for %s: %s has no fit for conversion date(s) %s (run %s for them first)"
                .formatted(
                    NAME,
                    context.dateLabel(),
                    context.tables().qualifiedName(AttributionTables.ATTRIBUTION_MODEL_FIT),
                    String.join(", ", unfitted),
                    AttributionModelFitJob.NAME));
      }
    }
    return new AttributionCredit.Models(
        settings.models(), RuleBasedModels.Parameters.of(settings), fit, channelSets);
  }

  /**
   * Conversion dates with a touch and no fit row of an enabled data-driven model (a few at most).
   */
  private static List<String> unfittedDates(
      Dataset<Row> touches, Dataset<Row> fit, JourneySettings.Attribution settings) {
    Column[] dataDriven =
        settings.models().stream()
            .filter(JourneySettings.Attribution.DATA_DRIVEN::contains)
            .map(m -> lit(m))
            .toArray(Column[]::new);
    Dataset<Row> needed =
        touches
            .where(col("touch_count").gt(0))
            .select(col("conversion_date"))
            .distinct()
            .select(col("conversion_date"), explode(array(dataDriven)).as("model"));
    Dataset<Row> present =
        fit.select(col("fit_date").as("conversion_date"), col("model")).distinct();
    return needed
        .join(present, new String[] {"conversion_date", "model"}, "left_anti")
        .select("conversion_date")
        .distinct()
        .orderBy("conversion_date")
        .collectAsList()
        .stream() // one row per missing date
        .map(r -> r.getDate(0).toString())
        .toList();
  }

  /** Records every check, then fails before the write if a gate does not hold. */
  private static void gate(JobContext context, CreditChecks.Outcome outcome) {
    String table = context.tables().qualifiedName(AttributionTables.ATTRIBUTION_CREDIT);
    boolean sumsToOne =
        context
            .quality()
            .record(
                "attribution_credit_sums_to_one",
                table,
                context.to(),
                outcome.notSummingToOne() == 0,
                "conversion_models=%d not_summing_to_1=%d"
                    .formatted(outcome.conversionModels(), outcome.notSummingToOne()));
    boolean cents =
        context
            .quality()
            .record(
                "attribution_credit_revenue_to_the_cent",
                table,
                context.to(),
                outcome.notSummingToRevenue() == 0,
                "conversion_models=%d not_summing_to_revenue=%d"
                    .formatted(outcome.conversionModels(), outcome.notSummingToRevenue()));
    boolean reconciled =
        context
            .quality()
            .record(
                "attribution_credit_reconciles_with_conversions",
                table,
                context.to(),
                outcome.reconciles(),
                outcome.reconciliation());
    context
        .quality()
        .record(
            "attribution_credit_fallbacks",
            table,
            context.to(),
            outcome.fallbacks() == 0,
            "conversion_models_credited_linearly=%d".formatted(outcome.fallbacks()));
    if (!sumsToOne || !cents || !reconciled) {
      throw new JobFailedException(
          ("%s: credits failed their gates (%d conversion-model(s) not summing to 1, %d not summing"
                  + " to the revenue, reconciliation: %s); nothing was written")
              .formatted(
                  NAME,
                  outcome.notSummingToOne(),
                  outcome.notSummingToRevenue(),
                  outcome.reconciliation()));
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
