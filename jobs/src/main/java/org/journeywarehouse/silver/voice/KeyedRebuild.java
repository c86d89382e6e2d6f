package org.journeywarehouse.silver.voice;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;

/**
 * The write step the tickets and surveys jobs share: count the built rows against bronze in one
 * action, record the checks, fail before writing when the ledger does not balance, then rewrite the
 * table whole with the keyed rows. Keyless rows are counted in {@code <job>_without_key} and left
 * out, never silently.
 */
final class KeyedRebuild {
  /** An optional counted condition on the built rows, recorded as a non-gating check. */
  record Flag(String check, Column condition, String meaning) {
    /** No flag: nothing is counted or recorded beyond the ledger. */
    static final Flag NONE = new Flag("", lit(false), "");
  }

  private KeyedRebuild() {}

  static JobResult publish(
      JobContext context,
      String job,
      TableDefinition table,
      Dataset<Row> bronze,
      String idColumn,
      Dataset<Row> built,
      Flag flag) {
    // Read by the ledger and by the write: kept so bronze is deduplicated and keyed once.
    Dataset<Row> rows = built.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      KeyedLedger ledger =
          KeyedLedger.of(KeyedLedger.counts(bronze, idColumn, rows, flag.condition()).first());
      record(context, job, table, ledger, flag);
      context.tables().ensure(table);
      context
          .tables()
          .replaceAll(table, rows.where(col("customer_key").isNotNull()), context.commitNote(job));
      String summary =
          "kept %d of %d delivered versions, wrote %d, left out %d without a customer_key"
              .formatted(
                  ledger.records(), ledger.bronzeRows(), ledger.written(), ledger.withoutKey());
      context.progress().accept("%s: %s".formatted(job, summary));
      return new JobResult(
          ledger.bronzeRows(), ledger.written(), 0, ledger.deduplicated(), 0, summary);
    } finally {
      rows.unpersist();
    }
  }

  private static void record(
      JobContext context, String job, TableDefinition table, KeyedLedger ledger, Flag flag) {
    String name = context.tables().qualifiedName(table);
    // Warnings, not gates: a record no identifier of which is known yet is expected now and then.
    context
        .quality()
        .record(
            job + "_without_key",
            name,
            context.to(),
            ledger.withoutKey() == 0,
            "records=%d without_key=%d".formatted(ledger.records(), ledger.withoutKey()));
    if (flag != Flag.NONE) {
      context
          .quality()
          .record(
              flag.check(),
              name,
              context.to(),
              ledger.flagged() == 0,
              "records=%d %s=%d".formatted(ledger.records(), flag.meaning(), ledger.flagged()));
    }
    boolean balanced =
        context
            .quality()
            .record(
                job + "_rows_balance", name, context.to(), ledger.balanced(), ledger.observed());
    if (!balanced) {
      throw new JobFailedException(
          ("%s: rows do not balance (%s): each bronze record must give one row, written or left"
                  + " out without a key; nothing was written")
              .formatted(job, ledger.observed()));
    }
  }
}
