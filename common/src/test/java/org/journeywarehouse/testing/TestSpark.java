package org.journeywarehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.config.SettingsLoader;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiKey;
import org.journeywarehouse.spark.SparkSessions;

/**
 * The one SparkSession of a test JVM (Spark start-up takes seconds): local[2], Delta, the same
 * session settings as production, an embedded metastore and a warehouse under target/.
 */
public final class TestSpark {
  /** The key tests hash with; known, so expected hashes can be derived in tests. */
  public static final String TEST_SECRET = "test-secret-of-at-least-thirty-two-bytes!";

  private static SparkSession session;
  private static JourneySettings settings;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      settings = settings(warehouse());
      System.setProperty("spark.master", "local[2]");
      System.setProperty("spark.ui.enabled", "false");
      System.setProperty("spark.driver.host", "127.0.0.1");
      System.setProperty("spark.sql.shuffle.partitions", "4");
      session = SparkSessions.create("journey-tests", settings);
      PiiFunctions.register(session, PiiKey.of(TEST_SECRET, 1));
    }
    return session;
  }

  /** Settings of the shared session (warehouse under target/test-tmp). */
  public static synchronized JourneySettings settings() {
    session();
    return settings;
  }

  /** The repository's conf/ folder, seen from a module's directory (Maven's working dir). */
  public static Path confDir() {
    return Path.of("..", "conf").toAbsolutePath().normalize();
  }

  /** Local settings with the given warehouse and any overrides. */
  public static JourneySettings settings(Path warehouse, Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put("journey.paths.warehouse", warehouse.toString());
    all.putIfAbsent("journey.paths.landing", warehouse.resolveSibling("landing").toString());
    return SettingsLoader.load("local", all, Optional.of(confDir())).settings();
  }

  private static JourneySettings settings(Path warehouse) {
    return settings(warehouse, Map.of("journey.spark.shuffle-partitions", "4"));
  }

  /**
   * Settings sharing the session's warehouse and metastore but with databases of their own
   * ({@code <prefix>_bronze}, ...), so a test's tables never meet another test's.
   */
  public static JourneySettings isolatedSettings(String prefix, Path landing) {
    return isolatedSettings(prefix, landing, Map.of());
  }

  /** As {@link #isolatedSettings(String, Path)}, with further overrides (a reporting zone). */
  public static JourneySettings isolatedSettings(
      String prefix, Path landing, Map<String, String> overrides) {
    JourneySettings shared = settings();
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.putAll(
        Map.of(
            "journey.paths.landing", landing.toString(),
            "journey.catalog.bronze-database", prefix + "_bronze",
            "journey.catalog.silver-database", prefix + "_silver",
            "journey.catalog.marts-database", prefix + "_marts",
            "journey.catalog.ops-database", prefix + "_ops",
            "journey.spark.shuffle-partitions", "4"));
    return settings(Path.of(shared.paths().warehouse()), all);
  }

  /** A fresh folder under target/test-tmp for one test. */
  public static Path temporaryFolder(String name) {
    try {
      Path root = Path.of(System.getProperty("journey.test.tmp", "target/test-tmp"));
      Files.createDirectories(root);
      return Files.createTempDirectory(root.toAbsolutePath(), name + "-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path warehouse() {
    return temporaryFolder("warehouse").resolve("warehouse");
  }
}
