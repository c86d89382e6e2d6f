package org.journeywarehouse.bronze;

import java.util.List;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * A bronze job loads one landing source into its table and its slice of the quarantine. Each
 * source has its own subclass (the job the catalog lists) and its own {@link LandingSource}.
 */
abstract class BronzeSourceJob implements Job {
  private final LandingSource source;
  private final String description;

  BronzeSourceJob(LandingSource source, String description) {
    this.source = source;
    this.description = description;
  }

  @Override
  public final JobSpec spec() {
    return new JobSpec(
        source.name(),
        Layer.BRONZE,
        description,
        List.of(JobSpec.landing(source.name())),
        List.of(source.table(), BronzeTables.QUARANTINE),
        false);
  }

  @Override
  public final JobResult run(JobContext context) {
    return BronzeIngestion.ingest(context, source);
  }
}
