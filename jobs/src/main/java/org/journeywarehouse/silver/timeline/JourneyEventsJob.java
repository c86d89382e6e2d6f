package org.journeywarehouse.silver.timeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_silver.journey_events} whole: every customer's sessions, orders,
 * tickets and survey responses under today's customer keys, so a merge of two customers moves
 * their whole history at once. Events without a customer_key are counted and left out.
 */
public final class JourneyEventsJob implements Job {
  static final String NAME = "journey_events";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "The customer timeline: session starts, orders, tickets and survey responses.",
        List.of(
            name(SilverTables.SESSIONS), name(SilverTables.CONVERSIONS),
            name(BronzeTables.SUPPORT_TICKETS), name(BronzeTables.SURVEY_RESPONSES),
            name(SilverTables.IDENTITY_MAP)),
        List.of(SilverTables.JOURNEY_EVENTS),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    Dataset<Row> events =
        JourneyEvents.timeline(
            InputTables.read(context, NAME, SilverTables.SESSIONS, "sessions"),
            InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions"),
            InputTables.read(context, NAME, BronzeTables.SUPPORT_TICKETS, "support_tickets"),
            InputTables.read(context, NAME, BronzeTables.SURVEY_RESPONSES, "survey_responses"),
            InputTables.read(context, NAME, SilverTables.IDENTITY_MAP, "identity"),
            context.settings().reporting().timezone());
    // Counted while the write runs (no action of its own), before the keyless rows are left out.
    Observation counts = new Observation("journey_events_counts");
    Dataset<Row> keyed =
        events
            .observe(counts, count(lit(1)).as("events"),
                count(when(col("customer_key").isNull(), lit(1))).as("without_key"))
            .where(col("customer_key").isNotNull());
    context.tables().ensure(SilverTables.JOURNEY_EVENTS);
    context.tables().replaceAll(SilverTables.JOURNEY_EVENTS, keyed, context.commitNote(NAME));

    long total = observed(counts, "events");
    long withoutKey = observed(counts, "without_key");
    String summary =
        "built %d events, wrote %d, left out %d without a customer_key"
            .formatted(total, total - withoutKey, withoutKey);
    // A warning, not a gate: tickets and responses with no known identifier are expected now
    // and then, and holding back the whole timeline for them would hurt more than it protects.
    context.quality().record(
        "journey_events_without_key", context.tables().qualifiedName(SilverTables.JOURNEY_EVENTS),
        context.to(), withoutKey == 0, "events=%d without_key=%d".formatted(total, withoutKey));
    context.progress().accept("%s: %s".formatted(NAME, summary));
    return new JobResult(total, total - withoutKey, 0, 0, 0, summary);
  }

  private static long observed(Observation observation, String metric) {
    try {
      return ((Number) observation.getAsJava().get(metric)).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + metric, e);
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
