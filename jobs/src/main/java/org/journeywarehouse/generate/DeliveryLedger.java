package org.journeywarehouse.generate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what went into each (source, landing day) file, so ground truth can state {@code lines =
 * rows_kept + blank_lines + duplicates + sum(quarantined)} per file.
 */
final class DeliveryLedger {
  private static final int ROWS_KEPT = 0;
  private static final int BLANK_LINES = 1;
  private static final int DUPLICATES = 2;
  private static final int LATE_ROWS = 3;
  private static final int FIRST_REASON = 4;
  private static final int COUNTERS = FIRST_REASON + DirtReason.values().length;

  private final LandingWindow window;
  private final long[][][] counts;

  DeliveryLedger(LandingWindow window) {
    this.window = window;
    this.counts = new long[LandingSource.values().length][window.days()][COUNTERS];
  }

  /** A clean line with a natural key new to its day file. */
  void countRow(LandingSource source, int day) {
    counts[source.ordinal()][day][ROWS_KEPT]++;
  }

  /** A clean row delivered on a later day than it happened. */
  void countLateRow(LandingSource source, int day) {
    counts[source.ordinal()][day][ROWS_KEPT]++;
    counts[source.ordinal()][day][LATE_ROWS]++;
  }

  /** An identical copy, or a newer version of a key already in the same day file. */
  void countDuplicate(LandingSource source, int day) {
    counts[source.ordinal()][day][DUPLICATES]++;
  }

  void countBlankLine(LandingSource source, int day) {
    counts[source.ordinal()][day][BLANK_LINES]++;
  }

  void countQuarantined(LandingSource source, int day, DirtReason reason) {
    counts[source.ordinal()][day][FIRST_REASON + reason.ordinal()]++;
  }

  /** Every physical line counted for the file. */
  long lines(LandingSource source, int day) {
    long lines = 0;
    for (int counter = 0; counter < COUNTERS; counter++) {
      lines += counter == LATE_ROWS ? 0 : counts[source.ordinal()][day][counter];
    }
    return lines;
  }

  /** Sources by folder name, then days, then counters: the body of {@code dirt.json}. */
  Map<String, Object> bySourceAndDay() {
    Map<String, Object> sources = new TreeMap<>();
    for (LandingSource source : LandingSource.values()) {
      Map<String, Object> days = new TreeMap<>();
      for (int day = 0; day < window.days(); day++) {
        days.put(window.date(day).toString(), describe(counts[source.ordinal()][day]));
      }
      sources.put(source.folder(), days);
    }
    return sources;
  }

  /** The same counters summed over all days of each source. */
  Map<String, Object> totals() {
    Map<String, Object> totals = new TreeMap<>();
    for (LandingSource source : LandingSource.values()) {
      long[] sum = new long[COUNTERS];
      for (long[] day : counts[source.ordinal()]) {
        for (int counter = 0; counter < COUNTERS; counter++) {
          sum[counter] += day[counter];
        }
      }
      totals.put(source.folder(), describe(sum));
    }
    return totals;
  }

  private static Map<String, Object> describe(long[] counters) {
    Map<String, Object> quarantined = new TreeMap<>();
    long lines = counters[ROWS_KEPT] + counters[BLANK_LINES] + counters[DUPLICATES];
    for (DirtReason reason : DirtReason.values()) {
      long count = counters[FIRST_REASON + reason.ordinal()];
      quarantined.put(reason.code(), count);
      lines += count;
    }
    Map<String, Object> described = new TreeMap<>();
    described.put("lines", lines);
    described.put("rows_kept", counters[ROWS_KEPT]);
    described.put("blank_lines", counters[BLANK_LINES]);
    described.put("duplicates", counters[DUPLICATES]);
    described.put("late_rows", counters[LATE_ROWS]);
    described.put("quarantined", quarantined);
    return described;
  }
}
