package org.journeywarehouse.generate;

import java.util.SplittableRandom;

/** When later versions of a record are delivered, relative to its UTC landing day. */
final class DeliveryTimes {
  private static final long DAY = TimestampText.MILLIS_PER_DAY;
  private static final long SECOND = 1000;
  private static final long SIX_HOURS = 6 * 3600 * SECOND;

  private DeliveryTimes() {}

  /**
   * An instant after {@code at} on the same UTC day, so a newer version lands in the same day file;
   * {@code at} itself when the day has less than two seconds left.
   */
  static long laterSameDay(long at, SplittableRandom random) {
    long lastMillisOfDay = (TimestampText.epochDay(at) + 1) * DAY - 1;
    long room = Math.min(lastMillisOfDay - at, SIX_HOURS);
    return room < 2 * SECOND ? at : at + Draws.between(random, SECOND, room);
  }

  /** A random instant on a UTC day {@code minDays..maxDays} after the day of {@code at}. */
  static long onLaterDay(long at, int minDays, int maxDays, SplittableRandom random) {
    long day = TimestampText.epochDay(at) + minDays + random.nextInt(maxDays - minDays + 1);
    return day * DAY + Draws.between(random, 0, DAY);
  }
}
