package org.journeywarehouse.spark;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.JourneySettings;

/**
 * Builds the SparkSession every command uses: Delta enabled, UTC, strict parsing, and a
 * persistent catalog. Never sets a master: spark-submit or the local launcher does, and a
 * value set here would silently beat the user's --conf.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String appName, JourneySettings settings) {
    SparkConf conf = new SparkConf(); // picks up spark.* from spark-submit or -D flags
    setIfMissing(conf, "spark.app.name", appName);
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Stored timestamps are UTC whatever the machine's zone; reporting dates use the setting.
    conf.set("spark.sql.session.timeZone", "UTC");
    // Invalid dates become null (and are quarantined) instead of being guessed or failing.
    conf.set("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    conf.set("spark.sql.ansi.enabled", "false");
    setIfMissing(
        conf, "spark.sql.shuffle.partitions", Integer.toString(settings.spark().shufflePartitions()));
    setIfMissing(conf, "spark.ui.showConsoleProgress", "false");
    // Delta rebuilds table state with 50 tasks by default; our tables' logs are small, and on a
    // few cores those tasks are pure overhead on every read and commit.
    setIfMissing(
        conf,
        "spark.databricks.delta.snapshotPartitions",
        Integer.toString(settings.spark().shufflePartitions()));
    configureCatalog(conf, settings);
    return SparkSession.builder().config(conf).enableHiveSupport().getOrCreate();
  }

  private static void configureCatalog(SparkConf conf, JourneySettings settings) {
    String warehouse = warehouseUri(settings.paths().warehouse());
    conf.set("spark.sql.warehouse.dir", warehouse);
    switch (settings.catalog().metastore()) {
      case EMBEDDED -> {
        Path metastore = Path.of(settings.paths().warehouse()).toAbsolutePath().resolve("_metastore");
        // Derby writes derby.log into its home; keep it beside the metastore, not in the cwd.
        System.setProperty("derby.system.home", metastore.toString());
        conf.set(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + metastore.resolve("metastore_db") + ";create=true");
        conf.set("spark.sql.catalogImplementation", "hive");
      }
      case EXTERNAL -> conf.set("spark.hadoop.hive.metastore.uris", settings.catalog().metastoreUris());
    }
  }

  /** Local paths become absolute file: URIs so every process agrees on table locations. */
  public static String warehouseUri(String warehouse) {
    if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return warehouse;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().toUri().toString().replaceAll("/$", "");
  }

  private static void setIfMissing(SparkConf conf, String key, String value) {
    if (!conf.contains(key)) {
      conf.set(key, value);
    }
  }
}
