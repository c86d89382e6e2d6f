package org.journeywarehouse.bronze;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.journeywarehouse.io.LandingFiles;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;

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

  /** Fails before any write when lines went missing, a manifest disagrees, or a day is mostly bad. */
  void checkBeforeWrite(String source, List<LandingFiles.Day> landingDays, double maxQuarantineShare) {
    if (totals().total() != linesRead) {
      throw new JobFailedException(
          "%s: row ledger does not balance: %d lines read but %d classified"
              .formatted(source, linesRead, totals().total()));
    }
    for (LandingFiles.Day day : landingDays) {
      DayCounts counts = days.getOrDefault(day.date(), new DayCounts(0, 0, 0, 0));
      if (day.manifestLines().isPresent() && day.manifestLines().getAsLong() != counts.total()) {
        throw new JobFailedException(
            "%s %s: manifest.json lists %d lines but %d were read (truncated or partial export)"
                .formatted(source, day.date(), day.manifestLines().getAsLong(), counts.total()));
      }
      long rows = counts.total() - counts.blank();
      if (rows > 0 && (double) counts.quarantined() / rows > maxQuarantineShare) {
        throw new JobFailedException(
            "%s %s: %d of %d lines quarantined, above journey.ingestion.max-quarantine-share %.2f;"
                    .formatted(source, day.date(), counts.quarantined(), rows, maxQuarantineShare)
                + " nothing was written (inspect the export, then rerun)");
      }
    }
  }

  /** Fails when the commits wrote other numbers of rows than the ledger expects. */
  void checkAfterWrite(String source, long written, long quarantined) {
    DayCounts totals = totals();
    if (written != totals.ok() || quarantined != totals.quarantined()) {
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
