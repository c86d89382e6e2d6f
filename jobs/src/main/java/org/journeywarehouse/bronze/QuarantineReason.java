package org.journeywarehouse.bronze;

/**
 * Why a landing line was rejected. The codes are stored in {@code journey_bronze.quarantine}
 * and shared with the sample data generator's ground truth. Checked in this order; a line gets
 * the first reason that applies.
 */
public enum QuarantineReason {
  /** Not a JSON object (cut short, not JSON at all, an array, a bare value). */
  MALFORMED_JSON,
  /** A required field is absent, null or empty. */
  MISSING_REQUIRED_FIELD,
  /** A timestamp without a UTC offset: its instant is unknown, so it is not guessed. */
  TIMESTAMP_WITHOUT_OFFSET,
  /** A timestamp with an offset but an impossible date or time (February 30, hour 25). */
  INVALID_TIMESTAMP,
  /** A value of the wrong shape: an amount that is not a decimal, an unknown status, a score out of range. */
  INVALID_VALUE,
  /** An event delivered more than journey.ingestion.max-lateness-days after it happened. */
  TOO_LATE;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
