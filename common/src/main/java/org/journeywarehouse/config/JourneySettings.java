package org.journeywarehouse.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
    Identity identity,
    Sessions sessions,
    Conversions conversions,
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

  /**
   * Identity stitching: the guards that keep junk identifiers from gluing people together and
   * the gates that stop a night whose result looks wrong.
   *
   * @param mode {@code incremental} (a night re-stitches only the components it touches) or
   *     {@code full-rebuild} (every component from all history)
   * @param maxLinked per identifier type, how many distinct identifiers of that type one
   *     identifier may link before it is refused for merging; types not listed are unlimited
   * @param mergeAccounts whether an identifier may join two store accounts into one customer
   * @param maxComponentSize identifiers in one customer above which the night fails
   * @param maxChurnShare share of the previous night's keys merged, split or retired above
   *     which the night fails
   * @param churnGateMinKeys below this many previous keys the churn gate only records
   */
  public record Identity(
      String mode,
      Map<String, Integer> maxLinked,
      boolean mergeAccounts,
      long maxComponentSize,
      double maxChurnShare,
      long churnGateMinKeys) {

    public static final String INCREMENTAL = "incremental";
    public static final String FULL_REBUILD = "full-rebuild";

    public Identity {
      maxLinked = Map.copyOf(maxLinked);
    }

    public boolean fullRebuild() {
      return FULL_REBUILD.equals(mode);
    }
  }

  /**
   * Sessionization of events without a session id, and the consideration signal.
   *
   * @param engagedPageViews page views that make a session engaged without any other signal
   */
  public record Sessions(Duration inactivityTimeout, int engagedPageViews) {}

  /** Which orders count as conversions (DESIGN.md, Stages). */
  public record Conversions(List<String> countedStatuses) {

    public Conversions {
      countedStatuses = List.copyOf(countedStatuses);
    }
  }

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
