package org.journeywarehouse.bronze;

import java.time.ZoneId;
import org.journeywarehouse.config.JourneySettings;

/** The settings staging depends on, as plain values so pure code never sees the config. */
record StagingRules(ZoneId reportingZone, int maxLatenessDays, String defaultPhoneRegion, int keyVersion) {

  static StagingRules from(JourneySettings settings) {
    return new StagingRules(
        settings.reporting().timezone(),
        settings.ingestion().maxLatenessDays(),
        settings.pii().defaultPhoneRegion(),
        settings.pii().keyVersion());
  }
}
