package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.Column;

/**
 * The date a current-state stage mart describes and the instant its observation ends: the end of
 * that date in the reporting time zone. Maturity is measured against it, so a customer who entered
 * at 23:00 on the as-of date has been observed for one hour, not for none or a day.
 *
 * @param date the as-of date (events dated up to it count)
 * @param zone the reporting time zone
 */
public record AsOf(LocalDate date, ZoneId zone) {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** The first instant after the as-of date in the reporting zone. */
  public Instant end() {
    return date.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /**
   * Whether {@code from} lies at least {@code days} whole days (of 86400 s) before {@link #end}.
   */
  public Column matured(Column from, Column days) {
    long endMicros = ChronoUnit.MICROS.between(Instant.EPOCH, end());
    Column reach = unix_micros(from).plus(days.cast("long").multiply(MICROS_PER_DAY));
    return reach.leq(lit(endMicros));
  }

  /** As {@link #matured(Column, Column)} for a fixed number of days. */
  public Column matured(Column from, int days) {
    return matured(from, lit(days));
  }

  /** Whether {@code to} lies at most {@code days} days after {@code from} (both non-null). */
  public static Column within(Column from, Column to, Column days) {
    Column elapsed = unix_micros(to).minus(unix_micros(from));
    return to.isNotNull().and(elapsed.leq(days.cast("long").multiply(MICROS_PER_DAY)));
  }
}
