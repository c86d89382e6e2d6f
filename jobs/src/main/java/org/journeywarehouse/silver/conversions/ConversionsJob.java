package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_silver.conversions} whole from all bronze orders and rates, so merged
 * customers' survivor keys and order sequences are always right and a rerun of an old date never
 * rolls the table back. Counted orders without a rate go to quarantine, never to revenue 0.
 */
public final class ConversionsJob implements Job {
  static final String NAME = "conversions";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "Counted orders with revenue in the reporting currency, customer_key and order sequence.",
        List.of(name(BronzeTables.ORDERS), name(BronzeTables.FX_RATES), name(SilverTables.IDENTITY_MAP)),
        List.of(SilverTables.CONVERSIONS, BronzeTables.QUARANTINE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    List<String> countedStatuses = context.settings().conversions().countedStatuses();
    Dataset<Row> withRevenue =
        FxConversion.withReportingRevenue(
                Conversions.latestOrders(InputTables.read(context, NAME, BronzeTables.ORDERS, "orders")),
                FxConversion.latestRates(InputTables.read(context, NAME, BronzeTables.FX_RATES, "fx_rates")),
                context.settings().reporting().currency())
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> identityMap = InputTables.read(context, NAME, SilverTables.IDENTITY_MAP, "identity");
    // Read by the ledger and by the write: kept so the identity join and windows run once.
    Dataset<Row> conversions =
        ConversionRows.conversions(withRevenue, identityMap, countedStatuses)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> quarantine = ConversionRows.quarantine(withRevenue, countedStatuses);
      ConversionLedger ledger =
          ConversionLedger.of(
              ConversionLedger.counts(withRevenue, conversions, quarantine, countedStatuses).first());
      check(context, ledger);

      context.tables().ensure(SilverTables.CONVERSIONS);
      context.tables().ensure(BronzeTables.QUARANTINE);
      context.tables().replaceAll(SilverTables.CONVERSIONS, conversions, context.commitNote(NAME));
      context.tables().replaceMatching(
          BronzeTables.QUARANTINE,
          quarantine,
          col("source").equalTo(lit(ConversionRows.QUARANTINE_SOURCE)),
          context.commitNote(NAME));
      context.progress().accept("%s: %s".formatted(NAME, ledger.observed()));
      return new JobResult(
          ledger.latestOrders(), ledger.conversions(), ledger.quarantined(), 0, 0, ledger.observed());
    } finally {
      conversions.unpersist();
      withRevenue.unpersist();
    }
  }

  /** Records both gates, then fails before any write if either does not hold. */
  private static void check(JobContext context, ConversionLedger ledger) {
    String table = context.tables().qualifiedName(SilverTables.CONVERSIONS);
    boolean balanced =
        context.quality().record("conversion_ledger", table, context.to(), ledger.balances(), ledger.observed());
    boolean keyed =
        context.quality().record(
            "conversions_customer_key", table, context.to(), ledger.withoutKey() == 0,
            "without_key=%d".formatted(ledger.withoutKey()));
    if (!balanced) {
      throw new JobFailedException(
          "%s: ledger does not balance: latest orders != conversions + not counted + quarantined (%s)"
              .formatted(NAME, ledger.observed()));
    }
    if (!keyed) {
      throw new JobFailedException(
          ("%s: %d conversion(s) carry identifiers missing from %s (run identity first, then"
                  + " rerun conversions)")
              .formatted(NAME, ledger.withoutKey(), context.tables().qualifiedName(SilverTables.IDENTITY_MAP)));
    }
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
