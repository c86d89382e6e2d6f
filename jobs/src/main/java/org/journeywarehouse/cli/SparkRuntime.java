package org.journeywarehouse.cli;

import java.time.Clock;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.LoadedSettings;
import org.journeywarehouse.job.JobExecutor;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiKey;
import org.journeywarehouse.spark.SparkSessions;

/**
 * Starts Spark only after every setting and the PII key have been checked, so a bad config
 * fails in a second with one line and nothing written.
 */
final class SparkRuntime {
  private SparkRuntime() {}

  /** Reads the key from the process environment: the CLI is the boundary that may do so. */
  static PiiKey piiKey(LoadedSettings loaded, Console console) {
    Map<String, String> environment = System.getenv();
    return PiiKey.fromEnvironment(environment, loaded.settings().pii(), console::warn);
  }

  static SparkSession start(String command, LoadedSettings loaded, PiiKey key) {
    SparkSession spark = SparkSessions.create("journey-" + command, loaded.settings());
    PiiFunctions.register(spark, key);
    return spark;
  }

  static JobExecutor executor(SparkSession spark, LoadedSettings loaded, Console console) {
    return new JobExecutor(spark, loaded.settings(), Clock.systemUTC(), console::progress);
  }
}
