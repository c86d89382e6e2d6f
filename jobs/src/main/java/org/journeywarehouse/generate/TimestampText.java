package org.journeywarehouse.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Spells instants as ISO-8601 text, {@code 2026-11-02T14:03:11.123+01:00}: correctly, without the
 * offset (a dirt reason), or with an impossible date or time (another dirt reason). Formats by hand
 * because it runs once per landing line.
 */
final class TimestampText {
  static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long MILLIS_PER_MINUTE = 60_000L;

  private TimestampText() {}

  /** The UTC day of an instant, as days since 1970-01-01. */
  static long epochDay(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS_PER_DAY);
  }

  /** The instant spelled in the style's offset, e.g. {@code 2026-11-02T15:03:11.123+01:00}. */
  static String withOffset(long epochMillis, OffsetStyle style) {
    StringBuilder text = new StringBuilder(29);
    appendLocal(text, epochMillis, style);
    return text.append(style.suffix()).toString();
  }

  /** The wall-clock time in the style's offset with the offset left out. */
  static String withoutOffset(long epochMillis, OffsetStyle style) {
    StringBuilder text = new StringBuilder(23);
    appendLocal(text, epochMillis, style);
    return text.toString();
  }

  /**
   * A well-formed timestamp with an offset whose date or time cannot exist, such as {@code
   * 2026-02-30T10:00:00.000Z}, {@code 2026-13-01T...} or {@code ...T25:10:00.000Z}.
   */
  static String impossible(long epochMillis, OffsetStyle style, SplittableRandom random) {
    String valid = withOffset(epochMillis, style);
    String year = valid.substring(0, 4);
    String time = valid.substring(10);
    return switch (random.nextInt(5)) {
      case 0 -> year + "-02-30" + time;
      case 1 -> year + "-13-" + valid.substring(8, 10) + time;
      case 2 -> year + "-04-31" + time;
      case 3 -> valid.substring(0, 8) + "32" + time;
      default -> valid.substring(0, 11) + (25 + random.nextInt(5)) + valid.substring(13);
    };
  }

  private static void appendLocal(StringBuilder text, long epochMillis, OffsetStyle style) {
    long local = epochMillis + style.offsetMinutes() * MILLIS_PER_MINUTE;
    long day = Math.floorDiv(local, MILLIS_PER_DAY);
    long millisOfDay = local - day * MILLIS_PER_DAY;
    LocalDate date = LocalDate.ofEpochDay(day);
    appendPadded(text, date.getYear(), 4).append('-');
    appendPadded(text, date.getMonthValue(), 2).append('-');
    appendPadded(text, date.getDayOfMonth(), 2).append('T');
    appendPadded(text, (int) (millisOfDay / 3_600_000L), 2).append(':');
    appendPadded(text, (int) (millisOfDay / 60_000L % 60), 2).append(':');
    appendPadded(text, (int) (millisOfDay / 1000 % 60), 2).append('.');
    appendPadded(text, (int) (millisOfDay % 1000), 3);
  }

  private static StringBuilder appendPadded(StringBuilder text, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        text.append('0');
      }
    }
    return text.append(value);
  }
}
