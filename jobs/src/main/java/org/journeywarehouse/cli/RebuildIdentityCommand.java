package org.journeywarehouse.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.job.JobCatalog;
import org.journeywarehouse.silver.identity.IdentityMapJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rebuild-identity --date D}: re-stitches every customer from all bronze history up to D,
 * the same as {@code run identity_map --date D --conf journey.identity.mode=full-rebuild}. Keys
 * come out the same as the incremental nights gave; any difference is recorded as merges and
 * splits of that date. Run the downstream silver jobs afterwards (run-all) to re-key them.
 */
@Command(
    name = "rebuild-identity",
    mixinStandardHelpOptions = true,
    description = {
      "Re-stitch every customer from all history up to --date (a full rebuild of the identity"
          + " map instead of the nightly incremental update).",
      "Keys stay the same unless the data or the guard settings changed; changes are recorded"
          + " in journey_silver.identity_merges. Then run run-all for the same date."
    })
final class RebuildIdentityCommand implements Callable<Integer> {
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
      description = "Logical date: bronze deliveries up to this day are read.")
  LocalDate date;

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Override
  public Integer call() {
    environment.overrides.put("journey.identity.mode", JourneySettings.Identity.FULL_REBUILD);
    JobLauncher.run("rebuild-identity", environment,
        List.of(JobCatalog.find(IdentityMapJob.NAME).orElseThrow()), date, date);
    return 0;
  }
}
