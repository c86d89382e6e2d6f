package org.journeywarehouse.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A progress line every so often while a job runs ("web_events: working, 5/8 tasks of the
 * current step, 45 s"), so a long backfill never looks hung. Reads Spark's status tracker;
 * touches no data.
 */
final class ProgressHeartbeat implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private ProgressHeartbeat(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static ProgressHeartbeat start(
      SparkSession spark, String job, Duration every, Clock clock, Consumer<String> progress) {
    JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(spark.sparkContext()).statusTracker();
    Instant started = clock.instant();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "journey-progress-" + job);
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        () -> progress.accept(line(tracker, job, Duration.between(started, clock.instant()))),
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
    return new ProgressHeartbeat(timer);
  }

  private static String line(JavaSparkStatusTracker tracker, String job, Duration elapsed) {
    int done = 0;
    int total = 0;
    for (int stageId : tracker.getActiveStageIds()) {
      SparkStageInfo stage = tracker.getStageInfo(stageId);
      if (stage != null) {
        done += stage.numCompletedTasks();
        total += stage.numTasks();
      }
    }
    String tasks = total == 0 ? "between steps" : "%d/%d tasks of the current step".formatted(done, total);
    return "%s: working, %s, %d s".formatted(job, tasks, elapsed.toSeconds());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
