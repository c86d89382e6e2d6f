package org.journeywarehouse.marts.paths;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.JourneyTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds journey_paths as of the run's last date: every customer's channel path (sessions up to
 * the first purchase) and stage path (customer_stages), the most common of each kept by name, as
 * Sankey links. Gated on every customer being on exactly one path of each type and the first-order
 * revenue adding up.
 */
public final class JourneyPathsJob implements Job {
  static final String NAME = "journey_paths";
  private static final TableDefinition TABLE = JourneyTables.JOURNEY_PATHS;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Channel and stage paths for Sankey charts: the most common by name, the rest (other).",
        List.of(
            name(SilverTables.SESSIONS),
            name(SilverTables.CONVERSIONS),
            name(StageTables.CUSTOMER_STAGES)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    JourneySettings.JourneyPaths settings = context.settings().journeyPaths();
    Date asOf = Date.valueOf(context.to());
    Dataset<Row> sessions =
        InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions")
            .where(col("session_date").leq(lit(asOf)));
    Dataset<Row> conversions =
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions")
            .where(col("conversion_date").leq(lit(asOf)));
    Dataset<Row> stages =
        InputTables.read(context, NAME, StageTables.CUSTOMER_STAGES, "customer_stages");
    Dataset<Row> customerPaths =
        JourneyPaths.channelPaths(sessions, conversions, settings.maxSteps())
            .withColumn("path_type", lit(JourneyPaths.CHANNEL))
            .unionByName(
                JourneyPaths.stagePaths(stages, conversions)
                    .withColumn("path_type", lit(JourneyPaths.STAGE)))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> links =
          JourneyPaths.links(customerPaths, settings.topPaths())
              .withColumn("as_of_date", lit(asOf))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        String observed = check(context, customerPaths, links);
        context.tables().ensure(TABLE);
        context.tables().replaceAll(TABLE, links, context.commitNote(NAME));
        context.progress().accept("%s: %s".formatted(NAME, observed));
        return new JobResult(0, 0, 0, 0, 0, observed);
      } finally {
        links.unpersist();
      }
    } finally {
      customerPaths.unpersist();
    }
  }

  /**
   * Per path type, the first links carry every customer once and their first-order revenue: the
   * same totals as the customers' own paths. One small aggregation; fails before the write.
   */
  private static String check(JobContext context, Dataset<Row> customerPaths, Dataset<Row> links) {
    Dataset<Row> expected =
        customerPaths
            .groupBy("path_type")
            .agg(count(lit(1)).as("expected_customers"), sum("revenue").as("expected_revenue"));
    Dataset<Row> first = links.where(col("step_index").equalTo(1));
    Dataset<Row> actual =
        first
            .groupBy("path_type")
            .agg(
                sum("customers").as("customers"),
                sum("revenue").as("revenue"),
                count(lit(1)).as("paths"));
    Row totals =
        expected
            .join(actual, new String[] {"path_type"}, "full_outer")
            .agg(
                count(
                    when(
                        col("customers")
                            .isNull()
                            .or(col("expected_customers").isNull())
                            .or(col("customers").notEqual(col("expected_customers")))
                            .or(col("revenue").notEqual(col("expected_revenue"))),
                        1)),
                sum(when(col("path_type").equalTo(JourneyPaths.CHANNEL), col("customers"))),
                sum(when(col("path_type").equalTo(JourneyPaths.STAGE), col("customers"))),
                sum("paths"))
            .first();
    long mismatched = totals.getLong(0);
    String observed =
        "channel_customers=%d stage_customers=%d paths=%d types_not_adding_up=%d"
            .formatted(value(totals, 1), value(totals, 2), value(totals, 3), mismatched);
    boolean passed =
        context
            .quality()
            .record(
                "journey_paths_cover_every_customer_once",
                context.tables().qualifiedName(TABLE),
                context.to(),
                mismatched == 0,
                observed);
    if (!passed) {
      throw new JobFailedException(
          "%s: paths do not carry every customer once or their revenue (%s); nothing was written"
              .formatted(NAME, observed));
    }
    return observed;
  }

  private static long value(Row row, int index) {
    return row.isNullAt(index) ? 0 : row.getLong(index);
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
