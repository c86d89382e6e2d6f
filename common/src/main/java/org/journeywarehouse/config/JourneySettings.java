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
    Marts marts,
    Stages stages,
    Loyalty loyalty,
    Support support,
    JourneyPaths journeyPaths,
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

  /**
   * Attribution (DESIGN.md, Attribution): windows, which models run, and their parameters.
   *
   * @param lookbackDays a conversion's path is its customer's sessions in [conversion_at -
   *     lookback, conversion_at]
   * @param fitWindowDays data-driven models of date D fit the paths of [D - fitWindow + 1, D]
   * @param resetAtConversion a path starts after the customer's previous conversion
   * @param models the models credited, in the order of DESIGN.md
   * @param directChannels channels last_non_direct skips unless a path has nothing else
   * @param shapleyMaxExactChannels channel sets up to this size get exact Shapley values; larger
   *     sets are sampled ({@code shapleySamplePermutations} permutations)
   */
  public record Attribution(
      int lookbackDays,
      int fitWindowDays,
      boolean resetAtConversion,
      List<String> models,
      List<String> directChannels,
      double halfLifeDays,
      double positionBasedFirst,
      double positionBasedLast,
      int shapleyMaxExactChannels,
      int shapleySamplePermutations) {

    /** Every model, in the order of DESIGN.md. */
    public static final List<String> MODELS =
        List.of("first_touch", "last_touch", "last_non_direct", "linear", "position_based",
            "time_decay", "markov", "shapley");
    /** The models fitted on converting and non-converting paths. */
    public static final List<String> DATA_DRIVEN = List.of("markov", "shapley");

    public Attribution {
      models = List.copyOf(models);
      directChannels = List.copyOf(directChannels);
    }

    public boolean runs(String model) {
      return models.contains(model);
    }

    /** The enabled rule-based models (everything but markov and shapley). */
    public List<String> ruleBasedModels() {
      return models.stream().filter(m -> !DATA_DRIVEN.contains(m)).toList();
    }
  }

  /**
   * What every mart shares.
   *
   * @param reprocessDays a night rewrites this many days before its date too in every dated
   *     mart, so late orders, refunds and sessions are picked up; older dates are final
   */
  public record Marts(int reprocessDays) {}

  /**
   * Journey stages (DESIGN.md, Stages) and the stage marts.
   *
   * @param windowDays a transition's conversion rate counts entrants who moved on within this
   *     many days, over entrants who entered at least this long before the as-of date (matured)
   * @param funnelHorizonsDays stage_funnel_monthly counts stages reached within each of these
   *     many days of awareness
   * @param histogramBucketDays lower bounds, in days, of stage_transition_histogram's buckets
   * @param promoterMinScore an NPS response at or above this score is advocacy (a promoter)
   */
  public record Stages(
      int windowDays,
      List<Integer> funnelHorizonsDays,
      List<Integer> histogramBucketDays,
      int promoterMinScore) {
    public Stages {
      funnelHorizonsDays = List.copyOf(funnelHorizonsDays);
      histogramBucketDays = List.copyOf(histogramBucketDays);
    }
  }

  /**
   * Who counts as a loyal customer (loyal_cohort_revenue, customer_360).
   *
   * @param rule repeat_within_12m (the default), repeat_buyer, top_decile_spend, rfm_champions
   *     or promoter
   * @param minOrders repeat rules: counted orders needed
   * @param trailingDays repeat_within_12m, top_decile_spend and the audience: the trailing window
   * @param topSpendShare top_decile_spend: the share of active customers with the highest spend
   * @param rfmChampionMinScore rfm_champions: recency and frequency scores (1-5) at least this
   */
  public record Loyalty(
      String rule, int minOrders, int trailingDays, double topSpendShare, int rfmChampionMinScore) {
    public static final List<String> RULES =
        List.of("repeat_within_12m", "repeat_buyer", "top_decile_spend", "rfm_champions", "promoter");
  }

  /**
   * Support and voice-of-the-customer marts.
   *
   * @param afterFirstOrderDays support_effect: a ticket opened within this many days after the
   *     customer's first order puts them in the "with a ticket" group
   * @param repeatWindowDays support_effect: a second order within this many days of the first
   *     counts as a repeat purchase (customers younger than that are not matured)
   * @param recentTicketDays customer_360: tickets opened in the last this many days
   */
  public record Support(int afterFirstOrderDays, int repeatWindowDays, int recentTicketDays) {}

  /**
   * journey_paths, the Sankey mart.
   *
   * @param topPaths paths kept by name per path type; the rest are (other)
   * @param maxSteps channel paths keep the last this many channels before their end
   */
  public record JourneyPaths(int topPaths, int maxSteps) {}

  /** Spark settings we choose for local runs; a cluster's own --conf values win. */
  public record SparkTuning(int shufflePartitions) {}
}
