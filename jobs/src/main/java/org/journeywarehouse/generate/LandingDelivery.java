package org.journeywarehouse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Delivers records into the landing files the way a real export does: most lines clean, a share
 * with one defect, a few exact duplicates, blank lines, and late web events. Every random choice is
 * made whether or not the pass writes the record's day, so each pass of a long run sees the same
 * draws.
 */
final class LandingDelivery {
  static final double DUPLICATE_RATE = 0.01;
  static final double BLANK_LINE_RATE = 0.002;
  static final double LATE_WEB_EVENT_RATE = 0.02;
  static final int MAX_LATE_DAYS = 3;
  private static final List<String> BLANK_LINES = List.of("", "", " ", "  ", "\t");

  /** What happened to a delivered record. */
  enum Outcome {
    DROPPED,
    DIRTY,
    CLEAN,
    LATE;

    /** Whether ingestion sees the record as a row: a clean line inside the window. */
    boolean observable() {
      return this == CLEAN || this == LATE;
    }
  }

  private final LandingWindow window;
  private final LandingWriters writers;
  private final DeliveryLedger ledger;
  private final double dirtRate;

  LandingDelivery(
      LandingWindow window, LandingWriters writers, DeliveryLedger ledger, double dirtRate) {
    this.window = window;
    this.writers = writers;
    this.ledger = ledger;
    this.dirtRate = dirtRate;
  }

  /** Delivers {@code record} on the UTC day of {@code deliveredAt}, with dirt at the run's rate. */
  Outcome deliver(
      LandingSource source, JsonRecord record, long deliveredAt, SplittableRandom random) {
    int day = window.dayIndex(deliveredAt);
    if (!window.contains(day)) {
      return Outcome.DROPPED;
    }
    if (Draws.chance(random, dirtRate)) {
      DirtReason reason = DirtPlanter.pickReason(source, random);
      String line = DirtPlanter.plant(source, record, reason, random);
      if (write(source, day, line)) {
        ledger.countQuarantined(source, day, reason);
      }
      maybeBlankLine(source, day, random);
      return Outcome.DIRTY;
    }
    if (source == LandingSource.WEB_EVENTS && Draws.chance(random, LATE_WEB_EVENT_RATE)) {
      return deliverLate(source, record, day + 1 + random.nextInt(MAX_LATE_DAYS), random);
    }
    String line = record.render(random);
    if (write(source, day, line)) {
      ledger.countRow(source, day);
    }
    if (Draws.chance(random, DUPLICATE_RATE) && write(source, day, line)) {
      ledger.countDuplicate(source, day);
    }
    maybeBlankLine(source, day, random);
    return Outcome.CLEAN;
  }

  /**
   * Delivers a newer version of a key whose clean line is already in the same day file: clean by
   * construction, and counted as a duplicate of that day.
   */
  Outcome deliverRevision(
      LandingSource source, JsonRecord record, long deliveredAt, SplittableRandom random) {
    int day = window.dayIndex(deliveredAt);
    if (!window.contains(day)) {
      return Outcome.DROPPED;
    }
    if (write(source, day, record.render(random))) {
      ledger.countDuplicate(source, day);
    }
    return Outcome.CLEAN;
  }

  /** Writes a line of reference data, which carries no dirt. */
  void deliverClean(LandingSource source, int day, String line) {
    if (write(source, day, line)) {
      ledger.countRow(source, day);
    }
  }

  private Outcome deliverLate(
      LandingSource source, JsonRecord record, int landingDay, SplittableRandom random) {
    if (!window.contains(landingDay)) {
      return Outcome.DROPPED;
    }
    if (write(source, landingDay, record.render(random))) {
      ledger.countLateRow(source, landingDay);
    }
    maybeBlankLine(source, landingDay, random);
    return Outcome.LATE;
  }

  private void maybeBlankLine(LandingSource source, int day, SplittableRandom random) {
    if (Draws.chance(random, BLANK_LINE_RATE)) {
      String blank = Draws.pick(random, BLANK_LINES);
      if (write(source, day, blank)) {
        ledger.countBlankLine(source, day);
      }
    }
  }

  /** Writes when this pass owns the day; the caller counts only what was written. */
  private boolean write(LandingSource source, int day, String line) {
    if (!writers.isOpen(day)) {
      return false;
    }
    try {
      writers.write(source, day, line);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write landing file of " + source.folder(), e);
    }
  }
}
