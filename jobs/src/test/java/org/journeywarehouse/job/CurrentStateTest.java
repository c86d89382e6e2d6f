package org.journeywarehouse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.catalog.TableId;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.DeltaTables;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** A current-state table moves forward with the nights and never back with a backfill. */
class CurrentStateTest {
  private static final TableDefinition PROBE =
      new TableDefinition(
          new TableId(Layer.MARTS, "current_state_probe"),
          "A current-state table for this test.",
          "as_of_date",
          List.of("as_of_date"),
          Columns.schema(Columns.required("as_of_date", DataTypes.DateType, "As of.")),
          List.of(),
          null,
          TableDefinition.Refresh.REBUILT);

  /** Rebuilds the probe as of its last date, unless it describes a later one. */
  private static final class ProbeJob implements Job {
    @Override
    public JobSpec spec() {
      return new JobSpec("probe", Layer.MARTS, "probe", List.of(), List.of(PROBE), false);
    }

    @Override
    public JobResult run(JobContext context) {
      if (!CurrentState.mayRebuild(context, "probe", PROBE)) {
        return CurrentState.kept(context, PROBE);
      }
      context.tables().ensure(PROBE);
      SparkSession spark = context.spark();
      context.tables().replaceAll(PROBE,
          spark.createDataFrame(List.of(RowFactory.create(Date.valueOf(context.to()))), PROBE.schema()),
          "test");
      return JobResult.written(0, 1);
    }
  }

  @Test
  void aBackfillOfAnOlderDateKeepsTheNewerState() {
    JourneySettings settings =
        TestSpark.isolatedSettings("curstate", TestSpark.temporaryFolder("curstate-landing"));
    DeltaTables tables = new DeltaTables(TestSpark.session(), settings);
    JobExecutor executor = new JobExecutor(TestSpark.session(), settings, Clock.systemUTC(), line -> {});

    executor.run(List.of(new ProbeJob()), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-10"));
    assertThat(asOf(tables)).isEqualTo("2026-11-10");

    JobResult backfill =
        executor.run(List.of(new ProbeJob()), LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-02")).get(0);
    assertThat(asOf(tables)).isEqualTo("2026-11-10");
    assertThat(backfill.message()).isEqualTo("kept curstate_marts.current_state_probe: it describes a later date");

    executor.run(List.of(new ProbeJob()), LocalDate.parse("2026-11-10"), LocalDate.parse("2026-11-10"));
    assertThat(asOf(tables)).isEqualTo("2026-11-10"); // a rerun of the same night rebuilds it
    executor.run(List.of(new ProbeJob()), LocalDate.parse("2026-11-11"), LocalDate.parse("2026-11-11"));
    assertThat(asOf(tables)).isEqualTo("2026-11-11");
  }

  @Test
  void onlyTablesWithAnAsOfDateAreCurrentState() {
    TableDefinition noAsOf =
        new TableDefinition(new TableId(Layer.MARTS, "no_as_of"), "c", "g", List.of("x"),
            Columns.schema(Columns.required("x", DataTypes.StringType, "x")), List.of(), null,
            TableDefinition.Refresh.REBUILT);
    assertThatThrownBy(() -> CurrentState.storedAsOf(null, noAsOf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no_as_of has no as_of_date column");
  }

  private static String asOf(DeltaTables tables) {
    return tables.read(PROBE).first().getDate(0).toString();
  }
}
