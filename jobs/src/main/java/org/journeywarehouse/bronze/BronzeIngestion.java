package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.io.LandingFiles;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;

/**
 * The I/O of every bronze job: check the days are complete, read their lines, classify them
 * once, gate on the ledger, then replace the range's slice of the bronze table and of the
 * source's quarantine rows. Nothing is written unless every day of the range is complete.
 */
final class BronzeIngestion {
  private static final StructType LINES =
      new StructType()
          .add("value", DataTypes.StringType)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);

  private BronzeIngestion() {}

  static JobResult ingest(JobContext context, LandingSource source) {
    StagingRules rules = StagingRules.from(context.settings());
    LandingFiles landing =
        new LandingFiles(
            context.settings().paths().landing(), context.spark().sparkContext().hadoopConfiguration());
    List<LandingFiles.Day> days = landing.completeDays(source.name(), context.from(), context.to());
    context.progress().accept("%s: reading %d day(s) %s".formatted(source.name(), days.size(), context.dateLabel()));

    Observation read = new Observation("lines_read_" + source.name());
    Dataset<Row> classified =
        LandingStaging.classify(lines(context, days).observe(read, count(lit(1)).as("rows")), source, rules)
            // Only quarantined rows still need the raw line; dropping the rest halves the cache.
            .withColumn("value", when(col(LandingStaging.STATUS).equalTo(LandingStaging.QUARANTINED), col("value")))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One small aggregate (days x statuses x reasons rows) is the whole ledger.
      List<Row> counts =
          classified.groupBy("landing_date", LandingStaging.STATUS, LandingStaging.REASON).count().collectAsList();
      RowLedger ledger = RowLedger.of(counts, rows(read));
      String table = context.tables().qualifiedName(source.table());
      ledger.checkBeforeWrite(source.name(), table, days, context.settings().ingestion(), context.quality());

      context.tables().ensure(source.table());
      context.tables().ensure(BronzeTables.QUARANTINE);
      Observation written = new Observation("rows_written_" + source.name());
      Observation quarantined = new Observation("rows_quarantined_" + source.name());
      context.tables().replaceSlice(
          source.table(),
          LandingStaging.bronzeRows(classified, source, rules).observe(written, count(lit(1)).as("rows")),
          context.from(),
          context.to(),
          null,
          context.commitNote(source.name()));
      context.tables().replaceSlice(
          BronzeTables.QUARANTINE,
          LandingStaging.quarantineRows(classified, source, rules)
              .observe(quarantined, count(lit(1)).as("rows")),
          context.from(),
          context.to(),
          col("source").equalTo(lit(source.name())),
          context.commitNote(source.name()));
      ledger.checkAfterWrite(source.name(), table, context.from(), rows(written), rows(quarantined), context.quality());
      context.progress().accept("%s: %s".formatted(source.name(), ledger.summary()));
      return ledger.toResult();
    } finally {
      classified.unpersist();
    }
  }

  /** Lines of every data file of the days, with the file (relative to landing) and its day. */
  private static Dataset<Row> lines(JobContext context, List<LandingFiles.Day> days) {
    String[] files = days.stream().flatMap(d -> d.dataFiles().stream()).toArray(String[]::new);
    if (files.length == 0) {
      return context.spark().createDataFrame(List.of(), LINES);
    }
    Dataset<Row> text = context.spark().read().text(files);
    return text.select(
        col("value"),
        regexp_extract(input_file_name(), "([^/]+/\\d{4}-\\d{2}-\\d{2}/[^/]+)$", 1).as("source_file"),
        to_date(regexp_extract(input_file_name(), "/(\\d{4}-\\d{2}-\\d{2})/[^/]+$", 1)).as("landing_date"));
  }

  /** The row count an observation gathered during the action that just ran. */
  private static long rows(Observation observation) {
    try {
      return ((Number) observation.getAsJava().get("rows")).longValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a row count", e);
    }
  }
}
