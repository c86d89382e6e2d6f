package org.journeywarehouse.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Every setting of journey-warehouse, typed and validated once at start-up. Built by {@link
 * SettingsLoader}; defaults and their reasons live in {@code reference.conf}.
 */
public record JourneySettings(
    String env,
    Paths paths,
    Catalog catalog,
    Reporting reporting,
    Pii pii,
    Ingestion ingestion,
    Sessions sessions,
    Attribution attribution,
    SparkTuning spark) {

  /** Where raw files arrive and where the Delta tables (and the local metastore) live. */
  public record Paths(String landing, String warehouse) {}

  /** Databases per layer and how the catalog is kept. */
  public record Catalog(
      String bronzeDatabase,
      String silverDatabase,
      String martsDatabase,
      String opsDatabase,
      Metastore metastore,
      String metastoreUris) {

    /** Where table definitions persist between processes. */
    public enum Metastore {
      EMBEDDED,
      EXTERNAL
    }
  }

  /** Time zone that cuts dates and months, and the currency money is reported in. */
  public record Reporting(ZoneId timezone, String currency) {}

  /** Keyed hashing of emails and phones. The key itself is never part of the settings. */
  public record Pii(boolean allowDevelopmentSecret, int keyVersion, String defaultPhoneRegion) {}

  /** Bronze ingestion: which sources, and when a day is too broken to publish. */
  public record Ingestion(
      List<String> sources,
      double maxQuarantineShare,
      int quarantineGateMinLines,
      int maxLatenessDays) {}

  /** Sessionization of events without a session id. */
  public record Sessions(Duration inactivityTimeout) {}

  /** Attribution windows and rule-based model parameters. */
  public record Attribution(
      int lookbackDays,
      int fitWindowDays,
      double halfLifeDays,
      double positionBasedFirst,
      double positionBasedLast) {}

  /** Spark settings we choose for local runs; a cluster's own --conf values win. */
  public record SparkTuning(int shufflePartitions) {}
}
