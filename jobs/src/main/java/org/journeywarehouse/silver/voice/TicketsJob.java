package org.journeywarehouse.silver.voice;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * Rebuilds {@code journey_silver.tickets} whole each night: every ticket's newest version under
 * today's customer_key (a merge moves a customer's tickets at once), so the voice-of-customer marts
 * never read bronze. Gated on the row ledger (each bronze ticket one row, written or left out
 * without a key); tickets without a key and durations out of order are counted.
 */
public final class TicketsJob implements Job {
  static final String NAME = "tickets";

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.SILVER,
        "Support tickets, newest version, keyed to customers, with reply and resolution times.",
        List.of(
            BronzeTables.SUPPORT_TICKETS.id().defaultQualifiedName(),
            SilverTables.IDENTITY_MAP.id().defaultQualifiedName()),
        List.of(SilverTables.TICKETS),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    Dataset<Row> bronze =
        InputTables.read(context, NAME, BronzeTables.SUPPORT_TICKETS, "support_tickets");
    Dataset<Row> tickets =
        Tickets.build(
            bronze,
            InputTables.read(context, NAME, SilverTables.IDENTITY_MAP, "identity"),
            context.settings().reporting().timezone());
    KeyedRebuild.Flag outOfOrder =
        new KeyedRebuild.Flag(
            "tickets_durations_out_of_order", Tickets.durationOutOfOrder(), "out_of_order");
    return KeyedRebuild.publish(
        context, NAME, SilverTables.TICKETS, bronze, "ticket_id", tickets, outOfOrder);
  }
}
