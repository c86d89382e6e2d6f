package org.journeywarehouse.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.journeywarehouse.config.LoadedSettings;
import org.journeywarehouse.config.SettingsLoader;
import picocli.CommandLine.Option;

/** {@code --env} and {@code --conf}, shared by every command that reads settings. */
final class EnvironmentOptions {
  @Option(
      names = "--env",
      defaultValue = "local",
      paramLabel = "NAME",
      description = "Settings overlay conf/env/NAME.conf (default: ${DEFAULT-VALUE}).")
  String env;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --conf journey.attribution.lookback-days=14 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  LoadedSettings load() {
    Optional<Path> confDir =
        Optional.ofNullable(System.getProperty(SettingsLoader.CONF_DIR_PROPERTY)).map(Path::of);
    return SettingsLoader.load(env, overrides, confDir);
  }
}
