package org.journeywarehouse.marts.customers;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.CustomerTables;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.CurrentState;
import org.journeywarehouse.job.InputTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;
import org.journeywarehouse.marts.loyalty.LoyaltyRules;

/**
 * Rebuilds customer_360 as of the run's last date: one row per customer of customer_stages with
 * orders, revenue and refunds, channels and stage, RFM and loyalty, NPS and support. Current state;
 * needs customer_stages of the same date. Gated on one row per customer and on orders, revenue and
 * tickets adding up to the silver tables'.
 */
public final class Customer360Job implements Job {
  static final String NAME = "customer_360";
  private static final TableDefinition TABLE = CustomerTables.CUSTOMER_360;

  @Override
  public JobSpec spec() {
    return new JobSpec(
        NAME,
        Layer.MARTS,
        "Everything known about each customer: orders, channels, stage, RFM, loyalty, NPS,"
            + " support.",
        List.of(
            name(StageTables.CUSTOMER_STAGES),
            name(SilverTables.CONVERSIONS),
            name(SilverTables.JOURNEY_EVENTS),
            name(SilverTables.TICKETS),
            name(SilverTables.SURVEYS)),
        List.of(TABLE),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    if (!CurrentState.mayRebuild(context, NAME, TABLE)) {
      return CurrentState.kept(context, TABLE);
    }
    LocalDate asOf = context.to();
    Customer360.Inputs inputs = inputs(context, asOf);
    LoyaltyRules.Parameters loyalty = LoyaltyRules.Parameters.of(context.settings());
    Dataset<Row> status =
        LoyaltyRules.statusAsOf(inputs.conversions(), inputs.journeyEvents(), asOf, loyalty);
    Dataset<Row> rows =
        Customer360.build(
                new Customer360.Inputs(
                    inputs.customerStages(),
                    inputs.conversions(),
                    inputs.journeyEvents(),
                    inputs.tickets(),
                    inputs.surveys(),
                    status),
                asOf,
                loyalty.rule(),
                context.settings().support().recentTicketDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      String observed = check(context, rows, inputs);
      context.tables().ensure(TABLE);
      context.tables().replaceAll(TABLE, rows, context.commitNote(NAME));
      context.progress().accept("%s: %s".formatted(NAME, observed));
      return new JobResult(0, 0, 0, 0, 0, observed);
    } finally {
      rows.unpersist();
    }
  }

  /** Every input cut at the as-of date; customer_stages must describe that date. */
  private static Customer360.Inputs inputs(JobContext context, LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    Dataset<Row> stages =
        InputTables.read(context, NAME, StageTables.CUSTOMER_STAGES, "customer_stages");
    CurrentState.storedAsOf(context, StageTables.CUSTOMER_STAGES)
        .filter(stored -> !stored.equals(asOf))
        .ifPresent(
            stored -> {
              throw new JobFailedException(
                  "Cannot run %s for %s: %s describes %s (run customer_stages for %s first)"
                      .formatted(
                          NAME,
                          asOf,
                          context.tables().qualifiedName(StageTables.CUSTOMER_STAGES),
                          stored,
                          asOf));
            });
    return new Customer360.Inputs(
        stages,
        InputTables.read(context, NAME, SilverTables.CONVERSIONS, "conversions")
            .where(col("conversion_date").leq(lit(day))),
        InputTables.read(context, NAME, SilverTables.JOURNEY_EVENTS, "journey_events")
            .where(col("event_date").leq(lit(day))),
        InputTables.read(context, NAME, SilverTables.TICKETS, "tickets")
            .where(col("created_date").leq(lit(day))),
        InputTables.read(context, NAME, SilverTables.SURVEYS, "surveys")
            .where(col("created_date").leq(lit(day))),
        null);
  }

  /**
   * One row per customer of customer_stages, and the orders, revenue and tickets of those customers
   * equal the silver tables' up to the as-of date. One small aggregation per side.
   */
  private static String check(JobContext context, Dataset<Row> rows, Customer360.Inputs inputs) {
    Row mart =
        rows.agg(
                count(lit(1)),
                countDistinct("customer_key"),
                sum("orders"),
                sum("revenue"),
                sum("tickets"))
            .first();
    Dataset<Row> customers = inputs.customerStages().select("customer_key");
    Row silver =
        inputs
            .customerStages()
            .agg(count(lit(1)))
            .crossJoin(
                inputs
                    .conversions()
                    .join(customers, "customer_key")
                    .agg(
                        count(lit(1)),
                        coalesce(sum("revenue"), lit(BigDecimal.ZERO).cast(Columns.MONEY))))
            .crossJoin(inputs.tickets().join(customers, "customer_key").agg(count(lit(1))))
            .first();
    long rowCount = mart.getLong(0);
    long distinct = mart.getLong(1);
    long orders = mart.isNullAt(2) ? 0 : mart.getLong(2);
    BigDecimal revenue = mart.isNullAt(3) ? BigDecimal.ZERO : mart.getDecimal(3);
    long tickets = mart.isNullAt(4) ? 0 : mart.getLong(4);
    boolean passed =
        rowCount == distinct
            && rowCount == silver.getLong(0)
            && orders == silver.getLong(1)
            && revenue.compareTo(silver.getDecimal(2)) == 0
            && tickets == silver.getLong(3);
    String observed =
        "customers=%d (stages %d) orders=%d (silver %d) revenue=%s (silver %s) tickets=%d (silver %d)"
            .formatted(
                rowCount,
                silver.getLong(0),
                orders,
                silver.getLong(1),
                revenue.toPlainString(),
                silver.getDecimal(2).toPlainString(),
                tickets,
                silver.getLong(3));
    context
        .quality()
        .record(
            "customer_360_adds_up",
            context.tables().qualifiedName(TABLE),
            context.to(),
            passed,
            observed);
    if (!passed) {
      throw new JobFailedException(
          ("%s: one row per customer, orders, revenue and tickets must add up to the silver"
                  + " tables' (%s); nothing was written")
              .formatted(NAME, observed));
    }
    return observed;
  }

  private static String name(TableDefinition table) {
    return table.id().defaultQualifiedName();
  }
}
