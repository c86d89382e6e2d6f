package org.journeywarehouse.generate;

import java.util.SplittableRandom;

/**
 * How a timestamp's offset is spelled. Exporters differ ({@code Z}, {@code +00:00}, the shop's or
 * the device's local offset); only the instant matters, so consumers must convert to UTC.
 */
enum OffsetStyle {
  ZULU(0, "Z", 0.50),
  NUMERIC_UTC(0, "+00:00", 0.20),
  CENTRAL_EUROPE(60, "+01:00", 0.15),
  CENTRAL_EUROPE_SUMMER(120, "+02:00", 0.04),
  US_EAST(-300, "-05:00", 0.09),
  INDIA(330, "+05:30", 0.02);

  private static final OffsetStyle[] STYLES = values();
  private static final double[] WEIGHTS = new double[STYLES.length];

  static {
    for (int i = 0; i < STYLES.length; i++) {
      WEIGHTS[i] = STYLES[i].share;
    }
  }

  private final int offsetMinutes;
  private final String suffix;
  private final double share;

  OffsetStyle(int offsetMinutes, String suffix, double share) {
    this.offsetMinutes = offsetMinutes;
    this.suffix = suffix;
    this.share = share;
  }

  static OffsetStyle pick(SplittableRandom random) {
    return STYLES[Draws.pickWeighted(random, WEIGHTS)];
  }

  int offsetMinutes() {
    return offsetMinutes;
  }

  String suffix() {
    return suffix;
  }
}
