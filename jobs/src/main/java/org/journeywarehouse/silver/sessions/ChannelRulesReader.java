package org.journeywarehouse.silver.sessions;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.journeywarehouse.silver.sessions.ChannelRules.ClickId;
import org.journeywarehouse.silver.sessions.ChannelRules.Condition;
import org.journeywarehouse.silver.sessions.ChannelRules.Field;
import org.journeywarehouse.silver.sessions.ChannelRules.Rule;

/**
 * Reads {@code journey.channels} into {@link ChannelRules}. Every problem is one {@link
 * IllegalArgumentException} saying where (the rule index and channel, the key, file and line)
 * and what is wrong, so a mistyped edit stops the job before anything is grouped.
 */
final class ChannelRulesReader {
  private static final String ROOT = "journey.channels";
  private static final Set<String> KEYS =
      Set.of(
          "rules-version", "unmatched-channel", "patterns", "source-categories", "pre-processing",
          "rules");
  private static final Set<String> PRE_PROCESSING_KEYS = Set.of("click-ids", "ignored-referrers");
  private static final Set<String> CLICK_ID_KEYS = Set.of("parameter", "source", "medium");
  private static final Set<String> RULE_KEYS = Set.of("channel", "when");
  private static final List<String> CONDITION_KEYS =
      List.of(
          "source-in", "medium-in", "campaign-in", "source-matches", "medium-matches",
          "campaign-matches", "source-in-category", "any-of");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+");

  private ChannelRulesReader() {}

  static ChannelRules read(Config config) {
    if (!config.hasPath(ROOT)) {
      throw new IllegalArgumentException("no " + ROOT + " in " + describe(config.origin()));
    }
    Config channels = guarded(ROOT, () -> config.getConfig(ROOT));
    onlyKeys(ROOT, channels.root(), KEYS);
    Map<String, List<String>> categories = categories(channels);
    Config preProcessing = guarded(ROOT, () -> channels.getConfig("pre-processing"));
    onlyKeys(ROOT + ".pre-processing", preProcessing.root(), PRE_PROCESSING_KEYS);
    return new ChannelRules(
        nonBlank(ROOT, channels, "rules-version"),
        categories,
        clickIds(preProcessing),
        hosts(preProcessing),
        rules(channels, categories.keySet()),
        nonBlank(ROOT, channels, "unmatched-channel"));
  }

  private static Map<String, List<String>> categories(Config channels) {
    String where = ROOT + ".source-categories";
    Config lists = guarded(ROOT, () -> channels.getConfig("source-categories"));
    Map<String, List<String>> categories = new TreeMap<>();
    Map<String, String> categoryOfSource = new HashMap<>();
    for (String category : new TreeSet<>(lists.root().keySet())) {
      List<String> sources = values(where, lists.root(), category);
      for (String source : sources) {
        String other = categoryOfSource.putIfAbsent(source, category);
        if (other != null) {
          throw new IllegalArgumentException(
              "%s: source '%s' is listed under both %s and %s; a source has one category"
                  .formatted(where, source, other, category));
        }
      }
      categories.put(category, sources);
    }
    if (!categories.containsKey(ChannelRules.SEARCH_CATEGORY)) {
      throw new IllegalArgumentException(
          "%s has no '%s' list: pre-processing needs it to tell search engines' referrals (organic)"
              .formatted(where, ChannelRules.SEARCH_CATEGORY));
    }
    return categories;
  }

  private static List<ClickId> clickIds(Config preProcessing) {
    List<? extends ConfigObject> objects =
        guarded(ROOT + ".pre-processing", () -> preProcessing.getObjectList("click-ids"));
    List<ClickId> clickIds = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < objects.size(); i++) {
      String where = ROOT + ".pre-processing.click-ids[" + i + "]";
      ConfigObject object = objects.get(i);
      onlyKeys(where, object, CLICK_ID_KEYS);
      Config clickId = object.toConfig();
      String parameter = nonBlank(where, clickId, "parameter");
      if (!PARAMETER.matcher(parameter).matches() || !seen.add(parameter)) {
        throw new IllegalArgumentException(
            "%s: parameter '%s' must be letters, digits or '_' and appear once"
                .formatted(where, parameter));
      }
      Optional<String> source = optionalLowerCase(where, clickId, "source");
      Optional<String> medium = optionalLowerCase(where, clickId, "medium");
      if (source.isPresent() != medium.isPresent()) {
        throw new IllegalArgumentException(
            where + ": give both source and medium (the click id implies both) or neither");
      }
      clickIds.add(new ClickId(parameter, source, medium));
    }
    return clickIds;
  }

  private static List<String> hosts(Config preProcessing) {
    String where = ROOT + ".pre-processing.ignored-referrers";
    List<String> hosts =
        guarded(where, () -> preProcessing.getStringList("ignored-referrers")).stream()
            .map(host -> host.trim().toLowerCase(Locale.ROOT))
            .toList();
    for (String host : hosts) {
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "%s: '%s' is not a host name (write example.com, not a URL)".formatted(where, host));
      }
    }
    return hosts;
  }

  private static List<Rule> rules(Config channels, Set<String> categories) {
    List<? extends ConfigObject> objects = guarded(ROOT, () -> channels.getObjectList("rules"));
    if (objects.isEmpty()) {
      throw new IllegalArgumentException(
          ROOT + ".rules is empty: every session would be unmatched");
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      ConfigObject object = objects.get(i);
      String where = ROOT + ".rules[" + i + "]";
      onlyKeys(where, object, RULE_KEYS);
      String channel = nonBlank(where, object.toConfig(), "channel");
      String rule = where + " (" + channel + ")";
      ConfigObject when = guarded(rule, () -> object.toConfig().getObject("when"));
      rules.add(new Rule(channel, block(rule, "when", when, categories)));
    }
    return rules;
  }

  /** The keys of one block, all of which must hold. */
  private static Condition block(
      String rule, String path, ConfigObject block, Set<String> categories) {
    if (block.isEmpty()) {
      throw new IllegalArgumentException(
          ("%s: %s is empty at %s; a rule needs a condition "
                  + "(sessions no rule matches get unmatched-channel)")
              .formatted(rule, path, describe(block.origin())));
    }
    List<Condition> conditions = new ArrayList<>();
    for (String key : new TreeSet<>(block.keySet())) {
      String at = path + "." + key;
      conditions.add(guarded(rule + ": " + at, () -> condition(rule, at, block, key, categories)));
    }
    return conditions.size() == 1 ? conditions.get(0) : new Condition.AllOf(conditions);
  }

  private static Condition condition(
      String rule, String at, ConfigObject block, String key, Set<String> categories) {
    String origin = describe(block.get(key).origin());
    return switch (key) {
      case "source-in", "medium-in", "campaign-in" ->
          new Condition.ValueIn(field(key), values(rule + ": " + at, block, key));
      case "source-matches", "medium-matches", "campaign-matches" ->
          new Condition.Matches(
              field(key), regex(rule, at, origin, block.toConfig().getString(key)));
      case "source-in-category" -> {
        String category = block.toConfig().getString(key).trim().toLowerCase(Locale.ROOT);
        if (!categories.contains(category)) {
          throw new IllegalArgumentException(
              "%s: %s = '%s' at %s is not a list in source-categories (known: %s)"
                  .formatted(rule, at, category, origin, String.join(", ", categories)));
        }
        yield new Condition.InCategory(category);
      }
      case "any-of" -> anyOf(rule, at, origin, block.toConfig().getObjectList(key), categories);
      default ->
          throw new IllegalArgumentException(
              "%s: unknown condition key %s at %s (known: %s)"
                  .formatted(rule, at, origin, String.join(", ", CONDITION_KEYS)));
    };
  }

  private static Condition anyOf(
      String rule,
      String at,
      String origin,
      List<? extends ConfigObject> blocks,
      Set<String> categories) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException(
          "%s: %s at %s is empty; list at least one block".formatted(rule, at, origin));
    }
    List<Condition> alternatives = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      alternatives.add(block(rule, at + "[" + i + "]", blocks.get(i), categories));
    }
    return new Condition.AnyOf(alternatives);
  }

  private static String regex(String rule, String at, String origin, String regex) {
    try {
      Pattern.compile(regex);
      return regex;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "%s: %s = \"%s\" at %s is not a valid regex: %s"
              .formatted(rule, at, regex, origin, e.getDescription()),
          e);
    }
  }

  private static Field field(String key) {
    return Field.valueOf(key.substring(0, key.indexOf('-')).toUpperCase(Locale.ROOT));
  }

  /** A non-empty list of non-blank strings, trimmed and lower-cased like the session fields. */
  private static List<String> values(String where, ConfigObject object, String key) {
    List<String> values =
        guarded(where, () -> object.toConfig().getStringList(key)).stream()
            .map(v -> v.trim().toLowerCase(Locale.ROOT))
            .toList();
    if (values.isEmpty() || values.contains("")) {
      throw new IllegalArgumentException(
          "%s: %s at %s must list at least one value and no blank ones"
              .formatted(where, key, describe(object.get(key).origin())));
    }
    return values;
  }

  private static String nonBlank(String where, Config config, String key) {
    String value = guarded(where, () -> config.getString(key)).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "%s: %s at %s is blank".formatted(where, key, describe(config.getValue(key).origin())));
    }
    return value;
  }

  private static Optional<String> optionalLowerCase(String where, Config config, String key) {
    return config.hasPath(key)
        ? Optional.of(nonBlank(where, config, key).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  private static void onlyKeys(String where, ConfigObject object, Set<String> known) {
    for (String key : new TreeSet<>(object.keySet())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "%s: unknown key %s at %s (known: %s)"
                .formatted(
                    where,
                    key,
                    describe(object.get(key).origin()),
                    String.join(", ", new TreeSet<>(known))));
      }
    }
  }

  /** Turns typesafe-config's own errors (missing key, wrong type) into one located message. */
  private static <T> T guarded(String where, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage().replaceAll("\\s+", " "), e);
    }
  }

  private static String describe(ConfigOrigin origin) {
    return origin == null ? "an unknown place" : origin.description();
  }
}
