package org.journeywarehouse.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Turns a merged, resolved {@link Config} into {@link JourneySettings}, checking every range. */
final class SettingsReader {
  private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
  private static final Pattern SOURCE = Pattern.compile("[a-z_]+");
  private static final List<String> IDENTIFIER_TYPES =
      List.of("anonymous_id", "customer_id", "email", "phone", "device_id");

  private final Config config;

  private SettingsReader(Config config) {
    this.config = config;
  }

  static JourneySettings read(Config config) {
    return new SettingsReader(config).read();
  }

  private JourneySettings read() {
    return new JourneySettings(
        matching("journey.env", Pattern.compile("[a-z][a-z0-9_-]*")),
        new JourneySettings.Paths(
            nonEmpty("journey.paths.landing"), nonEmpty("journey.paths.warehouse")),
        new JourneySettings.Catalog(
            matching("journey.catalog.bronze-database", DATABASE),
            matching("journey.catalog.silver-database", DATABASE),
            matching("journey.catalog.marts-database", DATABASE),
            matching("journey.catalog.ops-database", DATABASE),
            metastore(),
            config.getString("journey.catalog.metastore-uris")),
        new JourneySettings.Reporting(
            zone("journey.reporting.timezone"), matching("journey.reporting.currency", CURRENCY)),
        new JourneySettings.Pii(
            config.getBoolean("journey.pii.allow-development-secret"),
            intBetween("journey.pii.key-version", 1, 1_000),
            matching("journey.pii.default-phone-region", REGION)),
        new JourneySettings.Ingestion(
            sources(),
            doubleBetween("journey.ingestion.max-quarantine-share", 0.0, 1.0),
            intBetween("journey.ingestion.quarantine-gate-min-lines", 0, Integer.MAX_VALUE),
            intBetween("journey.ingestion.max-lateness-days", 0, 3_650)),
        identity(),
        new JourneySettings.Sessions(
            durationBetween(
                "journey.sessions.inactivity-timeout", Duration.ofMinutes(1), Duration.ofDays(1)),
            intBetween("journey.sessions.engaged-page-views", 1, 1_000)),
        new JourneySettings.Conversions(
            lowerCaseNames("journey.conversions.counted-statuses", 1)),
        attribution(),
        new JourneySettings.Marts(intBetween("journey.marts.reprocess-days", 0, 90)),
        stages(),
        loyalty(),
        new JourneySettings.Support(
            intBetween("journey.support.after-first-order-days", 1, 365),
            intBetween("journey.support.repeat-window-days", 1, 3_650),
            intBetween("journey.support.recent-ticket-days", 1, 3_650)),
        new JourneySettings.JourneyPaths(
            intBetween("journey.paths.top-paths", 1, 1_000),
            intBetween("journey.paths.max-steps", 1, 50)),
        new JourneySettings.SparkTuning(intBetween("journey.spark.shuffle-partitions", 1, 100_000)));
  }

  private JourneySettings.Identity identity() {
    String mode = config.getString("journey.identity.mode");
    require(
        "journey.identity.mode",
        mode.equals(JourneySettings.Identity.INCREMENTAL)
            || mode.equals(JourneySettings.Identity.FULL_REBUILD),
        "must be incremental or full-rebuild",
        mode);
    Map<String, Integer> maxLinked = new TreeMap<>();
    String limits = "journey.identity.max-linked";
    for (String type : config.getConfig(limits).root().keySet()) {
      require(limits + "." + type, IDENTIFIER_TYPES.contains(type),
          "names an identifier type (" + String.join(", ", IDENTIFIER_TYPES) + ")", type);
      maxLinked.put(type, intBetween(limits + "." + type, 1, 1_000_000));
    }
    return new JourneySettings.Identity(
        mode,
        maxLinked,
        config.getBoolean("journey.identity.merge-accounts"),
        longBetween("journey.identity.max-component-size", 2, Long.MAX_VALUE),
        doubleBetween("journey.identity.max-churn-share", 0.0, 1.0),
        longBetween("journey.identity.churn-gate-min-keys", 0, Long.MAX_VALUE));
  }

  private JourneySettings.Attribution attribution() {
    String models = "journey.attribution.models";
    List<String> modelNames = lowerCaseNames(models, 1);
    for (String model : modelNames) {
      require(models, JourneySettings.Attribution.MODELS.contains(model),
          "names models among " + String.join(", ", JourneySettings.Attribution.MODELS), model);
    }
    require(models, modelNames.stream().distinct().count() == modelNames.size(),
        "lists each model once", modelNames);
    String direct = "journey.attribution.direct-channels";
    List<String> directChannels = typed(direct, () -> config.getStringList(direct));
    double first = doubleBetween("journey.attribution.position-based.first", 0.0, 1.0);
    double last = doubleBetween("journey.attribution.position-based.last", 0.0, 1.0);
    require("journey.attribution.position-based.last", first + last > 0 && first + last <= 1,
        "first + last must be above 0 and at most 1 (the middle touches share the rest)",
        first + " + " + last);
    return new JourneySettings.Attribution(
        intBetween("journey.attribution.lookback-days", 1, 365),
        intBetween("journey.attribution.fit-window-days", 1, 730),
        config.getBoolean("journey.attribution.reset-at-conversion"),
        modelNames,
        directChannels,
        doubleBetween("journey.attribution.half-life-days", 0.01, 365.0),
        first,
        last,
        intBetween("journey.attribution.shapley.max-exact-channels", 1, 16),
        intBetween("journey.attribution.shapley.sample-permutations", 10, 100_000));
  }

  private JourneySettings.Stages stages() {
    return new JourneySettings.Stages(
        intBetween("journey.stages.window-days", 1, 3_650),
        ascendingDays("journey.stages.funnel-horizons-days", 1),
        ascendingDays("journey.stages.histogram-bucket-days", 0),
        intBetween("journey.stages.promoter-min-score", 0, 10));
  }

  private JourneySettings.Loyalty loyalty() {
    String rule = config.getString("journey.loyalty.rule");
    require("journey.loyalty.rule", JourneySettings.Loyalty.RULES.contains(rule),
        "must be one of " + String.join(", ", JourneySettings.Loyalty.RULES), rule);
    return new JourneySettings.Loyalty(
        rule,
        intBetween("journey.loyalty.min-orders", 2, 1_000),
        intBetween("journey.loyalty.trailing-days", 1, 3_650),
        doubleBetween("journey.loyalty.top-spend-share", 0.001, 1.0),
        intBetween("journey.loyalty.rfm-champion-min-score", 1, 5));
  }

  /** A non-empty list of whole days, each at least {@code minimum}, strictly ascending. */
  private List<Integer> ascendingDays(String path, int minimum) {
    List<Integer> days = typed(path, () -> config.getIntList(path));
    require(path, !days.isEmpty(), "must list at least one number of days", days);
    for (int i = 0; i < days.size(); i++) {
      require(path, days.get(i) >= minimum, "lists days of at least " + minimum, days.get(i));
      require(path, i == 0 || days.get(i) > days.get(i - 1), "must be strictly ascending", days);
    }
    return List.copyOf(days);
  }

  private List<String> lowerCaseNames(String path, int minimum) {
    List<String> names = typed(path, () -> config.getStringList(path));
    require(path, names.size() >= minimum, "must list at least " + minimum, names);
    for (String name : names) {
      require(path, SOURCE.matcher(name).matches(), "lists lower-case names", name);
    }
    return List.copyOf(names);
  }

  private long longBetween(String path, long min, long max) {
    long value = typed(path, () -> config.getLong(path));
    require(path, value >= min && value <= max, "must be between %d and %d".formatted(min, max), value);
    return value;
  }

  private String nonEmpty(String path) {
    String value = config.getString(path).strip();
    require(path, !value.isEmpty(), "must not be empty", value);
    return value;
  }

  private String matching(String path, Pattern pattern) {
    String value = config.getString(path);
    require(path, pattern.matcher(value).matches(), "must match " + pattern.pattern(), value);
    return value;
  }

  private int intBetween(String path, int min, int max) {
    int value = typed(path, () -> config.getInt(path));
    require(path, value >= min && value <= max, "must be between %d and %d".formatted(min, max), value);
    return value;
  }

  private double doubleBetween(String path, double min, double max) {
    double value = typed(path, () -> config.getDouble(path));
    require(path, value >= min && value <= max, "must be between %s and %s".formatted(min, max), value);
    return value;
  }

  private Duration durationBetween(String path, Duration min, Duration max) {
    Duration value = typed(path, () -> config.getDuration(path));
    require(
        path,
        value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
        "must be between %s and %s".formatted(min, max),
        value);
    return value;
  }

  private ZoneId zone(String path) {
    String value = config.getString(path);
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw invalid(path, "is not a time zone id such as UTC or Europe/Berlin", value);
    }
  }

  private JourneySettings.Catalog.Metastore metastore() {
    String path = "journey.catalog.metastore";
    String value = config.getString(path);
    try {
      return JourneySettings.Catalog.Metastore.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(path, "must be embedded or external", value);
    }
  }

  private List<String> sources() {
    String path = "journey.ingestion.sources";
    List<String> sources = typed(path, () -> config.getStringList(path));
    for (String source : sources) {
      require(path, SOURCE.matcher(source).matches(), "names lower-case sources", source);
    }
    return List.copyOf(sources);
  }

  private <T> T typed(String path, Supplier<T> getter) {
    try {
      return getter.get();
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new InvalidSettingsException(
          "invalid setting %s in %s: %s"
              .formatted(
                  path,
                  SettingsLoader.describe(config.getValue(path).origin()),
                  e.getMessage().replaceAll("\\s*\\R\\s*", " ")));
    }
  }

  private void require(String path, boolean condition, String rule, Object value) {
    if (!condition) {
      throw invalid(path, rule, value);
    }
  }

  private InvalidSettingsException invalid(String path, String rule, Object value) {
    return new InvalidSettingsException(
        "invalid setting %s = %s in %s: %s"
            .formatted(path, value, SettingsLoader.describe(config.getValue(path).origin()), rule));
  }
}
