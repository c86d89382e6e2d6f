package org.journeywarehouse.bronze;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.journeywarehouse.config.JourneySettings;
import org.journeywarehouse.io.LandingFiles;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.QualityLog;

/**
 * Where every landing line went, per delivery day: read = written + quarantined + duplicates,
 * with blank lines counted apart. Checked against an independent count of the lines read, the
 * manifests, and the rows the writes actually committed; any gap fails the job.
 */
final class RowLedger {
  /** Counts of one delivery day. */
  record DayCounts(long ok, long quarantined, long duplicates, long blank) {
    long total() {
      return ok + quarantined + duplicates + blank;
    }

    DayCounts plus(String status, long rows) {
      return switch (status) {
        case LandingStaging.OK -> new DayCounts(ok + rows, quarantined, duplicates, blank);
        case LandingStaging.QUARANTINED -> new DayCounts(ok, quarantined + rows, duplicates, blank);
        case LandingStaging.DUPLICATE -> new DayCounts(ok, quarantined, duplicates + rows, blank);
        case LandingStaging.BLANK -> new DayCounts(ok, quarantined, duplicates, blank + rows);
        default -> throw new IllegalStateException("unknown line status " + status);
      };
    }
  }

  private final Map<LocalDate, DayCounts> days;
  private final Map<String, Long> quarantinedByReason;
  private final long linesRead;

  private RowLedger(Map<LocalDate, DayCounts> days, Map<String, Long> byReason, long linesRead) {
    this.days = days;
    this.quarantinedByReason = byReason;
    this.linesRead = linesRead;
  }

  /** From rows of (landing_date, status, reason, count) and the independently counted lines. */
  static RowLedger of(List<Row> counts, long linesRead) {
    Map<LocalDate, DayCounts> days = new TreeMap<>();
    Map<String, Long> byReason = new TreeMap<>();
    for (Row row : counts) {
      LocalDate date = row.getDate(0).toLocalDate();
      String status = row.getString(1);
      long rows = row.getLong(3);
      days.put(date, days.getOrDefault(date, new DayCounts(0, 0, 0, 0)).plus(status, rows));
      if (LandingStaging.QUARANTINED.equals(status)) {
        byReason.merge(row.getString(2), rows, Long::sum);
      }
    }
    return new RowLedger(days, byReason, linesRead);
  }

  DayCounts totals() {
    return days.values().stream()
        .reduce(
            new DayCounts(0, 0, 0, 0),
            (a, b) -> new DayCounts(a.ok + b.ok, a.quarantined + b.quarantined, a.duplicates + b.duplicates, a.blank + b.blank));
  }

  Map<LocalDate, DayCounts> days() {
    return days;
  }

  /**
   * Fails before any write when lines went missing, a manifest disagrees, or a day is mostly
   * bad. Every check is recorded, passed or not.
   */
  void checkBeforeWrite(
      String source, String table, List<LandingFiles.Day> landingDays, JourneySettings.Ingestion rules, QualityLog quality) {
    LocalDate first = landingDays.get(0).date();
    long classified = totals().total();
    if (!quality.record("lines_classified", table, first, classified == linesRead,
        "read=%d classified=%d".formatted(linesRead, classified))) {
      throw new JobFailedException(
          "%s: row ledger does not balance: %d lines read but %d classified".formatted(source, linesRead, classified));
    }
    for (LandingFiles.Day day : landingDays) {
      DayCounts counts = days.getOrDefault(day.date(), new DayCounts(0, 0, 0, 0));
      if (day.manifestLines().isPresent()) {
        long listed = day.manifestLines().getAsLong();
        if (!quality.record("manifest_lines", table, day.date(), listed == counts.total(),
            "manifest=%d read=%d".formatted(listed, counts.total()))) {
          throw new JobFailedException(
              "%s %s: manifest.json lists %d lines but %d were read (truncated or partial export)"
                  .formatted(source, day.date(), listed, counts.total()));
        }
      }
      long rows = counts.total() - counts.blank();
      boolean gated = rows >= Math.max(1, rules.quarantineGateMinLines());
      boolean tooBad = gated && (double) counts.quarantined() / rows > rules.maxQuarantineShare();
      if (!quality.record("max_quarantine_share", table, day.date(), !tooBad,
          "quarantined=%d lines=%d limit=%.2f".formatted(counts.quarantined(), rows, rules.maxQuarantineShare()))) {
        throw new JobFailedException(
            "%s %s: %d of %d lines quarantined, above journey.ingestion.max-quarantine-share %.2f;"
                    .formatted(source, day.date(), counts.quarantined(), rows, rules.maxQuarantineShare())
                + " nothing was written (inspect the export, then rerun)");
      }
    }
  }

  /** Fails when the commits wrote other numbers of rows than the ledger expects. */
  void checkAfterWrite(String source, String table, LocalDate date, long written, long quarantined, QualityLog quality) {
    DayCounts totals = totals();
    boolean balanced = written == totals.ok() && quarantined == totals.quarantined();
    String observed =
        "read=%d written=%d quarantined=%d duplicates=%d blank=%d"
            .formatted(linesRead, written, quarantined, totals.duplicates(), totals.blank());
    if (!quality.record("row_ledger", table, date, balanced, observed)) {
      throw new JobFailedException(
          "%s: row ledger does not balance: expected %d written and %d quarantined, committed %d and %d"
              .formatted(source, totals.ok(), totals.quarantined(), written, quarantined));
    }
  }

  String summary() {
    DayCounts t = totals();
    return "read %d = written %d + quarantined %d + duplicates %d (+ %d blank)%s"
        .formatted(linesRead, t.ok(), t.quarantined(), t.duplicates(), t.blank(),
            quarantinedByReason.isEmpty() ? "" : "; quarantined by reason " + quarantinedByReason);
  }

  JobResult toResult() {
    DayCounts t = totals();
    return new JobResult(linesRead, t.ok(), t.quarantined(), t.duplicates(), t.blank(), summary());
  }
}
