package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.to_date;

import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/** ISO-8601 text to UTC instants, and instants to dates in the reporting time zone. */
final class Timestamps {
  private Timestamps() {}

  /**
   * The instant of an ISO-8601 timestamp with offset; null for impossible dates or times.
   * Only call on text already checked to carry an offset: without one the session zone (UTC)
   * would be assumed, which is exactly the guess we refuse to make.
   */
  static Column parse(Column text) {
    return text.cast(DataTypes.TimestampType);
  }

  /** The calendar date of a UTC instant in the reporting zone. */
  static Column reportingDate(Column utcInstant, ZoneId zone) {
    return to_date(from_utc_timestamp(utcInstant, zone.getId()));
  }
}
