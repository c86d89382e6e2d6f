package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.JobContext;

/**
 * The silver rows the attribution jobs read for conversions dated [from, to]: those conversions,
 * and the sessions their lookback windows can reach (session dates pruned, one day of margin for
 * the reporting time zone).
 */
record AttributionInputs(Dataset<Row> conversions, Dataset<Row> sessions) {

  static AttributionInputs read(JobContext context, String job, LocalDate from, LocalDate to) {
    JourneySettings.Attribution settings = context.settings().attribution();
    Dataset<Row> conversions =
        InputTables.read(context, job, SilverTables.CONVERSIONS, "conversions");
    if (settings.resetAtConversion()) {
      // The previous conversion may lie before the slice: found over all of them, then cut.
      conversions = AttributionPaths.withPreviousConversion(conversions);
    }
    LocalDate firstSessionDate = from.minusDays(settings.lookbackDays() + 1L);
    Dataset<Row> sessions =
        InputTables.read(context, job, SilverTables.SESSIONS, "sessions")
            .where(col("session_date").between(lit(firstSessionDate), lit(to)))
            .select(
                "session_id",
                "customer_key",
                "session_start_at",
                "session_date",
                "channel",
                "campaign");
    return new AttributionInputs(
        conversions.where(col("conversion_date").between(lit(from), lit(to))), sessions);
  }
}
