package org.journeywarehouse.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads settings in layers, highest first: {@code --conf key=value} overrides, then {@code
 * conf/env/<env>.conf} (which includes {@code conf/application.conf}), then {@code
 * reference.conf}. Environment variables fill {@code ${?VAR}} references. Every problem is
 * reported before anything runs, as one line naming the key and the file it came from.
 */
public final class SettingsLoader {
  /** System property pointing at an editable {@code conf/} folder; the jar's copy otherwise. */
  public static final String CONF_DIR_PROPERTY = "journey.conf.dir";

  private static final String ROOT = "journey";
  private static final String COMMAND_LINE = "--conf on the command line";

  private SettingsLoader() {}

  /**
   * Loads and validates the settings of one environment.
   *
   * @param env environment name, e.g. {@code local} or {@code prod}
   * @param overrides {@code --conf} pairs from the command line, keys in full
   * @param confDir an editable {@code conf/} folder, or empty to use the one in the jar
   */
  public static LoadedSettings load(String env, Map<String, String> overrides, Optional<Path> confDir) {
    Config reference = ConfigFactory.parseResourcesAnySyntax("reference.conf");
    Config overlay = loadOverlay(env, confDir);
    Config commandLine = commandLine(overrides);
    Config merged;
    try {
      merged =
          commandLine
              .withFallback(overlay)
              .withFallback(reference)
              .resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new InvalidSettingsException(oneLine(e.getMessage()), e);
    }
    Config resolvedReference = reference.resolve();
    rejectUnknownKeys(merged, resolvedReference);
    try {
      merged.checkValid(resolvedReference, ROOT);
    } catch (ConfigException.ValidationFailed e) {
      ConfigException.ValidationProblem first = e.problems().iterator().next();
      throw new InvalidSettingsException(
          "invalid setting %s in %s: %s"
              .formatted(first.path(), describe(first.origin()), first.problem()));
    }
    return new LoadedSettings(SettingsReader.read(merged), merged);
  }

  /**
   * The {@code --conf} pairs as one config layer. A value written as a HOCON list ({@code
   * journey.attribution.models=[first_touch,markov]}) is a list; anything else is taken
   * literally as a string, which HOCON converts to numbers, booleans and durations on read.
   */
  private static Config commandLine(Map<String, String> overrides) {
    ConfigOrigin origin = ConfigOriginFactory.newSimple(COMMAND_LINE);
    Config config = ConfigFactory.empty(COMMAND_LINE);
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      try {
        config = config.withValue(override.getKey(), value(override.getValue()).withOrigin(origin));
      } catch (ConfigException.BadPath e) {
        throw new InvalidSettingsException(
            "invalid --conf key '%s': %s".formatted(override.getKey(), oneLine(e.getMessage())));
      }
    }
    return config;
  }

  private static ConfigValue value(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      try {
        ConfigValue list = ConfigFactory.parseString("value = " + trimmed).getValue("value");
        if (list.valueType() == ConfigValueType.LIST) {
          return list;
        }
      } catch (ConfigException e) {
        // Not a well-formed list: the literal text, which the setting's type check reports.
      }
    }
    return ConfigValueFactory.fromAnyRef(text);
  }

  private static Config loadOverlay(String env, Optional<Path> confDir) {
    if (!env.matches("[a-z][a-z0-9_-]*")) {
      throw new InvalidSettingsException(
          "unknown environment '%s': names are lower-case letters, digits, '-' or '_'"
              .formatted(env));
    }
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    try {
      if (confDir.isPresent()) {
        Path file = confDir.get().resolve("env").resolve(env + ".conf");
        if (!Files.isRegularFile(file)) {
          throw new InvalidSettingsException(
              "unknown environment '%s': no file %s (known: %s)"
                  .formatted(env, file, knownEnvironments(confDir.get())));
        }
        return ConfigFactory.parseFile(file.toFile(), strict);
      }
      return ConfigFactory.parseResources("conf/env/" + env + ".conf", strict);
    } catch (ConfigException.IO e) {
      throw new InvalidSettingsException(
          "unknown environment '%s': no conf/env/%s.conf in the job jar".formatted(env, env), e);
    } catch (ConfigException e) {
      throw new InvalidSettingsException(oneLine(e.getMessage()), e);
    }
  }

  private static String knownEnvironments(Path confDir) {
    try (Stream<Path> files = Files.list(confDir.resolve("env"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length()))
          .sorted()
          .collect(Collectors.joining(", "));
    } catch (java.io.IOException e) {
      return "none found";
    }
  }

  /** checkValid ignores extra keys, so a misspelt override would silently do nothing. */
  private static void rejectUnknownKeys(Config merged, Config reference) {
    TreeSet<String> known =
        reference.getConfig(ROOT).entrySet().stream()
            .map(e -> ROOT + "." + e.getKey())
            .collect(Collectors.toCollection(TreeSet::new));
    merged.getConfig(ROOT).entrySet().stream()
        .map(e -> ROOT + "." + e.getKey())
        .sorted()
        .filter(path -> !known.contains(path))
        .findFirst()
        .ifPresent(
            path -> {
              throw new InvalidSettingsException(
                  "unknown setting %s in %s%s"
                      .formatted(
                          path,
                          describe(merged.getValue(path).origin()),
                          Spelling.closest(path, known)
                              .map(k -> " (did you mean " + k + "?)")
                              .orElse("")));
            });
  }

  static String describe(com.typesafe.config.ConfigOrigin origin) {
    if (origin == null) {
      return "an unknown file";
    }
    // typesafe-config says "env variables" for a ${?VAR} substitution; name it for people.
    return origin.description().startsWith("env variables") ? "an environment variable" : origin.description();
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ");
  }
}
