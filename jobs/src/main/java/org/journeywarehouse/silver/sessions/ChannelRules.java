package org.journeywarehouse.silver.sessions;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.journeywarehouse.config.SettingsLoader;

/**
 * The channel grouping of {@code conf/channels.conf} (GA4's default channel group as data),
 * validated: {@link ChannelRulesReader} rejects unknown keys, bad regexes and unknown
 * categories with one message naming the rule and the key. The rules apply in list order, the
 * first match wins; a session no rule matches gets {@link #unmatchedChannel()}.
 *
 * @param version stamped on every session as {@code channel_rules_version}
 * @param sourceCategories category name to its sources, lower-case, by category name; a
 *     source is in one category at most
 * @param clickIds landing URL query parameters that are click ids, in the order they are looked for
 * @param ignoredReferrers hosts (with their subdomains) whose referrals count as no referrer
 */
public record ChannelRules(
    String version,
    Map<String, List<String>> sourceCategories,
    List<ClickId> clickIds,
    List<String> ignoredReferrers,
    List<Rule> rules,
    String unmatchedChannel) {

  /** The category of search engines: their referrals become {@code <engine> / organic}. */
  public static final String SEARCH_CATEGORY = "search";

  /** The rules file, in an editable {@code conf/} folder and under {@code conf/} in the job jar. */
  public static final String FILE_NAME = "channels.conf";

  public ChannelRules {
    sourceCategories = Collections.unmodifiableMap(new LinkedHashMap<>(sourceCategories));
    clickIds = List.copyOf(clickIds);
    ignoredReferrers = List.copyOf(ignoredReferrers);
    rules = List.copyOf(rules);
  }

  /** Reads {@code journey.channels} of a resolved config. */
  public static ChannelRules from(Config config) {
    return ChannelRulesReader.read(config);
  }

  /** Parses, resolves and reads a channels file, e.g. {@code conf/channels.conf}. */
  public static ChannelRules fromFile(Path file) {
    return parsed(() -> ConfigFactory.parseFile(file.toFile(), strict()));
  }

  /**
   * The rules the jobs use: {@code channels.conf} in the folder named by the system property
   * {@code journey.conf.dir} (bin/journey points it at the editable copy), else the copy packed
   * into the job jar, as the settings are found.
   */
  public static ChannelRules load() {
    return load(
        Optional.ofNullable(System.getProperty(SettingsLoader.CONF_DIR_PROPERTY)).map(Path::of));
  }

  /** The rules of {@code confDir}'s {@code channels.conf}, or of the jar's copy when empty. */
  public static ChannelRules load(Optional<Path> confDir) {
    if (confDir.isPresent()) {
      return fromFile(confDir.get().resolve(FILE_NAME));
    }
    return parsed(() -> ConfigFactory.parseResources("conf/" + FILE_NAME, strict()));
  }

  private static ChannelRules parsed(Supplier<Config> parse) {
    try {
      return from(parse.get().resolve());
    } catch (ConfigException e) {
      // A missing file or a syntax error: one message naming the file, like a bad rule's.
      throw new IllegalArgumentException("channel rules: " + e.getMessage(), e);
    }
  }

  private static ConfigParseOptions strict() {
    return ConfigParseOptions.defaults().setAllowMissing(false);
  }

  /** The channel names in rule order, for docs and tests. */
  public List<String> channels() {
    return rules.stream().map(Rule::channel).toList();
  }

  /** A landing URL query parameter that is a click id, and the source / medium it implies. */
  public record ClickId(String parameter, Optional<String> source, Optional<String> medium) {}

  /** One line of the channel group: the channel a session gets when the condition holds. */
  public record Rule(String channel, Condition when) {}

  /** The field of a session a condition reads, each already lower-cased. */
  public enum Field {
    SOURCE,
    MEDIUM,
    CAMPAIGN;

    /** The output column of {@link ChannelGrouping#withChannel} holding the field. */
    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A condition of the vocabulary documented at the top of {@code conf/channels.conf}. */
  public sealed interface Condition {
    /** Every condition holds (the keys of one {@code when} block). */
    record AllOf(List<Condition> conditions) implements Condition {}

    /** At least one condition holds ({@code any-of}). */
    record AnyOf(List<Condition> conditions) implements Condition {}

    /** The field equals one of the values ({@code source-in}, ...). */
    record ValueIn(Field field, List<String> values) implements Condition {}

    /** The field contains a match of the regex ({@code source-matches}, ...), as rlike does. */
    record Matches(Field field, String regex) implements Condition {}

    /** The source is listed under the category ({@code source-in-category}). */
    record InCategory(String category) implements Condition {}
  }
}
