package org.journeywarehouse.job;

/**
 * What a run did, for {@code journey_ops.job_runs}. For ingestion the row ledger holds: read =
 * written + quarantined + deduplicated, with blank lines counted apart.
 */
public record JobResult(
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    long rowsBlank,
    String message) {

  /** A job that builds a table from others and has no landing lines to account for. */
  public static JobResult written(long rowsRead, long rowsWritten) {
    return new JobResult(rowsRead, rowsWritten, 0, 0, 0, null);
  }
}
