package org.journeywarehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  private static final Optional<Path> CONF = Optional.of(TestSpark.confDir());

  @Test
  void localDefaultsComeFromReferenceConfAndTheOverlay() {
    JourneySettings settings = SettingsLoader.load("local", Map.of(), CONF).settings();
    // reference.conf: lookback 30 days, 30-minute sessions; local.conf allows the dev secret.
    assertThat(settings.env()).isEqualTo("local");
    assertThat(settings.attribution().lookbackDays()).isEqualTo(30);
    assertThat(settings.sessions().inactivityTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.pii().allowDevelopmentSecret()).isTrue();
    assertThat(settings.catalog().bronzeDatabase()).isEqualTo("journey_bronze");
  }

  @Test
  void prodOverlayPointsAtTheObjectStoreAndRefusesTheDevelopmentKey() {
    JourneySettings settings = SettingsLoader.load("prod", Map.of(), CONF).settings();
    assertThat(settings.paths().warehouse()).startsWith("s3a://");
    assertThat(settings.catalog().metastore()).isEqualTo(JourneySettings.Catalog.Metastore.EXTERNAL);
    assertThat(settings.pii().allowDevelopmentSecret()).isFalse();
  }

  @Test
  void commandLineOverridesWin() {
    JourneySettings settings =
        SettingsLoader.load("local", Map.of("journey.attribution.lookback-days", "14"), CONF).settings();
    assertThat(settings.attribution().lookbackDays()).isEqualTo(14);
  }

  @Test
  void aListOnTheCommandLineIsAListAndOtherValuesStayStrings() {
    JourneySettings settings =
        SettingsLoader.load(
                "local",
                Map.of(
                    "journey.attribution.models", "[first_touch, markov]",
                    "journey.paths.landing", "/data/[2026]/landing"),
                CONF)
            .settings();
    assertThat(settings.attribution().models()).containsExactly("first_touch", "markov");
    assertThat(settings.attribution().ruleBasedModels()).containsExactly("first_touch");
    assertThat(settings.paths().landing()).isEqualTo("/data/[2026]/landing");
    // Not a HOCON list: taken literally (and then rejected by the database name rule).
    assertThatThrownBy(
            () -> SettingsLoader.load("local", Map.of("journey.catalog.marts-database", "[x"), CONF))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("invalid setting journey.catalog.marts-database = [x in --conf");
  }

  @Test
  void attributionSettingsAreCheckedBeforeAnythingRuns() {
    // Defaults: every model, Direct skipped by last non-direct, a 7-day reprocessing window.
    JourneySettings.Attribution defaults = SettingsLoader.load("local", Map.of(), CONF).settings().attribution();
    assertThat(defaults.models()).isEqualTo(JourneySettings.Attribution.MODELS);
    assertThat(defaults.directChannels()).containsExactly("Direct");
    assertThat(SettingsLoader.load("local", Map.of(), CONF).settings().marts().reprocessDays())
        .isEqualTo(7);

    assertThatThrownBy(
            () -> SettingsLoader.load("local", Map.of("journey.attribution.models", "[linear, u_shape]"), CONF))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "invalid setting journey.attribution.models = u_shape in --conf on the command line:"
                + " names models among first_touch, last_touch, last_non_direct, linear,"
                + " position_based, time_decay, markov, shapley");
    assertThatThrownBy(
            () -> SettingsLoader.load("local", Map.of("journey.attribution.position-based.first", "0.7"), CONF))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("invalid setting journey.attribution.position-based.last = 0.7 + 0.4 in ")
        .hasMessageEndingWith(": first + last must be above 0 and at most 1 (the middle touches share the rest)");
  }

  @Test
  void unknownEnvironmentNamesTheMissingFile() {
    assertThatThrownBy(() -> SettingsLoader.load("staging", Map.of(), CONF))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("unknown environment 'staging'")
        .hasMessageContaining("staging.conf")
        .hasMessageContaining("known: local, prod");
  }

  @Test
  void negativeLookbackNamesTheKeyAndItsOrigin() {
    assertThatThrownBy(
            () -> SettingsLoader.load("local", Map.of("journey.attribution.lookback-days", "-3"), CONF))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage(
            "invalid setting journey.attribution.lookback-days = -3 in --conf on the command line:"
                + " must be between 1 and 365");
  }

  @Test
  void misspeltKeyInAFileNamesTheFileLineAndTheLikelyKey(@TempDir Path conf) throws Exception {
    Files.createDirectories(conf.resolve("env"));
    Files.writeString(
        conf.resolve("env/typo.conf"),
        "journey {\n  env = typo\n  attribution.lookbak-days = 14\n}\n");
    assertThatThrownBy(() -> SettingsLoader.load("typo", Map.of(), Optional.of(conf)))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("unknown setting journey.attribution.lookbak-days in ")
        .hasMessageContaining("typo.conf: 3")
        .hasMessageEndingWith("(did you mean journey.attribution.lookback-days?)");
  }

  @Test
  void wrongTypeIsOneLineWithTheFile(@TempDir Path conf) throws Exception {
    Files.createDirectories(conf.resolve("env"));
    Files.writeString(conf.resolve("env/bad.conf"), "journey.attribution.lookback-days = thirty\n");
    assertThatThrownBy(() -> SettingsLoader.load("bad", Map.of(), Optional.of(conf)))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("journey.attribution.lookback-days")
        .hasMessageContaining("bad.conf: 1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingLandingFolderNamesTheKey(@TempDir Path tmp) {
    LoadedSettings loaded =
        SettingsLoader.load(
            "local", Map.of("journey.paths.landing", tmp.resolve("nowhere").toString()), CONF);
    assertThatThrownBy(loaded::requireLandingFolder)
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("journey.paths.landing")
        .hasMessageContaining("does not exist");
  }
}
