package org.journeywarehouse.config;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Validated settings together with where each value came from, so checks that need the file
 * system (does the landing folder exist?) can still name the file that set the value.
 */
public final class LoadedSettings {
  private final JourneySettings settings;
  private final Config config;

  LoadedSettings(JourneySettings settings, Config config) {
    this.settings = settings;
    this.config = config;
  }

  public JourneySettings settings() {
    return settings;
  }

  /** The file and line (or "--conf on the command line") that set a key. */
  public String originOf(String path) {
    return SettingsLoader.describe(config.getValue(path).origin());
  }

  /**
   * Fails unless the landing folder exists. Only local paths are checked: an object store has
   * no folders to look at, and a missing day is caught by its absent _SUCCESS marker anyway.
   */
  public LoadedSettings requireLandingFolder() {
    String landing = settings.paths().landing();
    boolean local = !landing.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || landing.startsWith("file:");
    if (local && !Files.isDirectory(Path.of(landing.replaceFirst("^file:(//)?", "")))) {
      throw new InvalidSettingsException(
          ("invalid setting journey.paths.landing = %s in %s: the folder does not exist"
                  + " (generate sample data with 'bin/journey generate' or set JOURNEY_LANDING)")
              .formatted(landing, originOf("journey.paths.landing")));
    }
    return this;
  }
}
