package org.journeywarehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** Usage and settings errors: one line on stderr, exit status 2, nothing started or written. */
class JourneyCommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int journey(String... args) {
    return Journey.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "generate", "run", "run-all", "backfill", "list-jobs", "sql"}) {
      StringWriter help = new StringWriter();
      int status = Journey.execute(new PrintWriter(help, true), new PrintWriter(err, true), command, "--help");
      assertThat(status).as(command).isZero();
      assertThat(help.toString()).as(command).contains("Usage: journey " + command).contains("--help");
    }
  }

  @Test
  void aNegativeLookbackFailsWithOneLineBeforeAnythingIsWritten() throws Exception {
    Path warehouse = TestSpark.temporaryFolder("bad-config").resolve("warehouse");
    Path landing = Files.createDirectories(warehouse.resolveSibling("landing"));
    int status =
        journey(
            "run", "orders", "--date", "2026-11-02",
            "--conf", "journey.paths.warehouse=" + warehouse,
            "--conf", "journey.paths.landing=" + landing,
            "--conf", "journey.attribution.lookback-days=-1");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "journey: invalid setting journey.attribution.lookback-days = -1 in --conf on the command line:"
                + " must be between 1 and 365"
                + System.lineSeparator());
    assertThat(warehouse).doesNotExist();
  }

  @Test
  void anUnknownEnvironmentFailsWithExitTwo() {
    assertThat(journey("run", "orders", "--date", "2026-11-02", "--env", "staging")).isEqualTo(2);
    assertThat(err.toString()).startsWith("journey: unknown environment 'staging'").hasLineCount(1);
  }

  @Test
  void aMissingLandingFolderNamesTheKey() {
    Path nowhere = TestSpark.temporaryFolder("no-landing").resolve("missing");
    int status = journey("run-all", "--date", "2026-11-02", "--conf", "journey.paths.landing=" + nowhere);
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("journey.paths.landing").contains("does not exist").hasLineCount(1);
  }

  @Test
  void unknownJobsAndBadDatesAreUsageErrors() {
    assertThat(journey("run", "nope", "--date", "2026-11-02")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown job 'nope' (known: fx_rates, web_events, orders");
    assertThat(journey("backfill", "--from", "2026-11-05", "--to", "2026-11-01")).isEqualTo(2);
    assertThat(journey("run", "orders", "--date", "2026-02-30")).isEqualTo(2);
  }

  @Test
  void theCatalogJsonListsEveryJobWithItsEdges() {
    String json = org.journeywarehouse.job.JobCatalog.toJson(JobRunner.class.getName());
    assertThat(json)
        .contains("\"runner_class\": \"org.journeywarehouse.cli.JobRunner\"")
        .contains(
            "{\"name\": \"orders\", \"layer\": \"bronze\", \"order\": 3, ")
        .contains(
            "\"inputs\": [\"landing.orders\"], \"outputs\": [\"journey_bronze.orders\", \"journey_bronze.quarantine\"],"
                + " \"depends_on_past\": false}");
  }
}
