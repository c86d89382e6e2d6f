package org.journeywarehouse.pii;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.journeywarehouse.config.InvalidSettingsException;
import org.journeywarehouse.config.JourneySettings;

/**
 * The HMAC key for emails and phones. It comes only from the environment variable {@value
 * #ENVIRONMENT_VARIABLE} (a name Spark's redaction regex hides), never from a file, an argument
 * or a log; {@link #toString()} never shows it.
 */
public final class PiiKey {
  public static final String ENVIRONMENT_VARIABLE = "JOURNEY_PII_HMAC_SECRET";

  /**
   * Published on purpose so the local demo runs without setup; hashes made with it protect
   * nothing. Only environments with {@code journey.pii.allow-development-secret = true} use it.
   */
  static final String DEVELOPMENT_SECRET = "journey-warehouse-development-secret-not-for-real-data";

  private static final int MIN_BYTES = 32;

  private final byte[] secret;
  private final int version;

  private PiiKey(byte[] secret, int version) {
    this.secret = secret;
    this.version = version;
  }

  /**
   * Reads the key from the given environment (the process environment at the CLI boundary).
   *
   * @throws InvalidSettingsException when the key is missing or short and no fallback is allowed
   */
  public static PiiKey fromEnvironment(
      Map<String, String> environment, JourneySettings.Pii settings, Consumer<String> warnings) {
    String value = environment.get(ENVIRONMENT_VARIABLE);
    if (value == null || value.isEmpty()) {
      if (!settings.allowDevelopmentSecret()) {
        throw new InvalidSettingsException(
            ENVIRONMENT_VARIABLE
                + " is not set: this environment hashes real emails and phones and"
                + " needs its own key of at least 32 bytes (journey.pii.allow-development-secret"
                + " is false)");
      }
      warnings.accept(
          "warning: "
              + ENVIRONMENT_VARIABLE
              + " is not set; using the published development key (fine for sample data only)");
      value = DEVELOPMENT_SECRET;
    }
    byte[] secret = value.getBytes(StandardCharsets.UTF_8);
    if (secret.length < MIN_BYTES) {
      throw new InvalidSettingsException(
          ENVIRONMENT_VARIABLE + " is too short: use at least 32 bytes of random data");
    }
    return new PiiKey(secret, settings.keyVersion());
  }

  /** A key for tests and tools that derive it themselves. */
  public static PiiKey of(String secret, int version) {
    return new PiiKey(secret.getBytes(StandardCharsets.UTF_8), version);
  }

  byte[] secret() {
    return secret.clone();
  }

  public int version() {
    return version;
  }

  @Override
  public String toString() {
    return "PiiKey[version=" + version + ", secret=<redacted>]";
  }
}
