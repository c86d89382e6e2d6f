package org.journeywarehouse.marts.voice;

import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trunc;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * The months a run of a monthly fact rewrites: every month touching [from - reprocess days, to],
 * each counted through its last day or through {@code to} while it runs. So a night rewrites the
 * running month (and the previous one early in a month), and a rerun of a date gives the same rows.
 *
 * @param firstMonth first day of the first month rewritten
 * @param lastMonth first day of the last month rewritten (the month of {@code through})
 * @param through the run's last logical date: nothing dated later is counted
 */
public record MonthSlice(LocalDate firstMonth, LocalDate lastMonth, LocalDate through) {

  /** The slice of a run for [from, to] with the reprocessing window before it. */
  public static MonthSlice of(LocalDate from, LocalDate to, int reprocessDays) {
    return new MonthSlice(
        from.minusDays(reprocessDays).withDayOfMonth(1), to.withDayOfMonth(1), to);
  }

  /** Whether a reporting-zone date is counted: in a rewritten month and not after through. */
  public Column contains(Column date) {
    return date.between(lit(firstMonth), lit(through));
  }

  /** The first day of a date's month. */
  public static Column month(Column date) {
    return trunc(date, "month");
  }

  /** The last day a month's row counts: its last day, or through for the running month. */
  public Column throughDate(Column month) {
    return least(last_day(month), lit(through));
  }

  /** Whether the month's row counts the whole month. */
  public Column isCompleteMonth(Column month) {
    return throughDate(month).equalTo(last_day(month));
  }

  @Override
  public String toString() {
    return firstMonth + ".." + through;
  }
}
