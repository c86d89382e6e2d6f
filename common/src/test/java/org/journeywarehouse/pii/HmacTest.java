package org.journeywarehouse.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.journeywarehouse.config.InvalidSettingsException;
import org.journeywarehouse.config.JourneySettings;
import org.junit.jupiter.api.Test;

class HmacTest {
  private static final JourneySettings.Pii PROD = new JourneySettings.Pii(false, 1, "GB");
  private static final JourneySettings.Pii LOCAL = new JourneySettings.Pii(true, 1, "GB");

  @Test
  void matchesThePublishedHmacSha256Example() {
    // The widely published example (Wikipedia "HMAC", RFC 2104 construction):
    // HMAC_SHA256("key", "The quick brown fox jumps over the lazy dog").
    assertThat(
            Hmac.sha256Hex(
                "key".getBytes(StandardCharsets.UTF_8), "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void rfc4231TestCaseTwo() {
    // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?".
    assertThat(Hmac.sha256Hex("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void productionRefusesToStartWithoutTheKey() {
    assertThatThrownBy(() -> PiiKey.fromEnvironment(Map.of(), PROD, w -> {}))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("JOURNEY_PII_HMAC_SECRET is not set");
  }

  @Test
  void shortKeysAreRefused() {
    assertThatThrownBy(
            () -> PiiKey.fromEnvironment(Map.of(PiiKey.ENVIRONMENT_VARIABLE, "short"), PROD, w -> {}))
        .hasMessageContaining("too short");
  }

  @Test
  void localFallsBackToTheDevelopmentKeyWithAWarning() {
    StringBuilder warnings = new StringBuilder();
    PiiKey key = PiiKey.fromEnvironment(Map.of(), LOCAL, warnings::append);
    assertThat(warnings.toString()).contains("development key");
    assertThat(key.toString()).doesNotContain(PiiKey.DEVELOPMENT_SECRET).contains("<redacted>");
  }

  @Test
  void theKeyNeverShowsInToString() {
    String secret = "0123456789abcdef0123456789abcdef-secret";
    PiiKey key = PiiKey.fromEnvironment(Map.of(PiiKey.ENVIRONMENT_VARIABLE, secret), PROD, w -> {});
    assertThat(key.toString()).doesNotContain(secret);
  }
}
