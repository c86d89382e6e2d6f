package org.journeywarehouse.silver.voice;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_silver.surveys} whole each night: every NPS and CSAT response under
 * today's customer_key, with its NPS category or CSAT outcome and without its comment, so the
 * voice-of-customer marts never read bronze. Gated on the row ledger (each bronze response one row,
 * written or left out without a key); responses without a key are counted.
 */
public final class SurveysJob implements Job {
  static final String NAME = "surveys";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "NPS and CSAT survey responses keyed to customers, with NPS category, without comments.",
        List.of(
            BronzeTables.SURVEY_RESPONSES.id().defaultQualifiedName(),
            SilverTables.IDENTITY_MAP.id().defaultQualifiedName()),
        List.of(SilverTables.SURVEYS),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    Dataset<Row> bronze =
        InputTables.read(context, NAME, BronzeTables.SURVEY_RESPONSES, "survey_responses");
    Dataset<Row> surveys =
        Surveys.build(
            bronze,
            InputTables.read(context, NAME, SilverTables.IDENTITY_MAP, "identity"),
            context.settings().reporting().timezone());
    return KeyedRebuild.publish(
        context,
        NAME,
        SilverTables.SURVEYS,
        bronze,
        "response_id",
        surveys,
        KeyedRebuild.Flag.NONE);
  }
}
