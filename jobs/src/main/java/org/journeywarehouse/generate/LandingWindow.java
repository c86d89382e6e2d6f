package org.journeywarehouse.generate;

import java.time.LocalDate;

/**
 * The landing days of a run, {@code start .. start + days - 1}, as UTC instants. A record's landing
 * day is the UTC day of its delivery instant; one past the window is never written.
 */
record LandingWindow(LocalDate start, int days) {

  long startMillis() {
    return start.toEpochDay() * TimestampText.MILLIS_PER_DAY;
  }

  /** The first instant after the window. */
  long endMillis() {
    return startMillis() + days * TimestampText.MILLIS_PER_DAY;
  }

  /** Day index (0 = start) of an instant's UTC day; may fall outside {@code 0..days-1}. */
  int dayIndex(long epochMillis) {
    return (int) (TimestampText.epochDay(epochMillis) - start.toEpochDay());
  }

  boolean contains(int dayIndex) {
    return dayIndex >= 0 && dayIndex < days;
  }

  LocalDate date(int dayIndex) {
    return start.plusDays(dayIndex);
  }
}
