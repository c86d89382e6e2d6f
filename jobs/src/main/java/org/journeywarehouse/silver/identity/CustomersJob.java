package org.journeywarehouse.silver.identity;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.Layer;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.job.Job;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobResult;
import org.journeywarehouse.job.JobSpec;

/**
 * {@code journey_silver.customers}: one row per customer_key of the identity map, rebuilt whole
 * each night (one aggregation over the map), so merged keys disappear and survivors carry all
 * their identifiers. Holds counts and flags only, never an identifier.
 */
public final class CustomersJob implements Job {
  @Override
  public JobSpec spec() {
    return new JobSpec(
        "customers",
        Layer.SILVER,
        "One row per unified customer: first/last seen, identifiers by type, source flags.",
        List.of("journey_silver.identity_map"),
        List.of(SilverTables.CUSTOMERS),
        false);
  }

  @Override
  public JobResult run(JobContext context) {
    context.tables().ensure(SilverTables.IDENTITY_MAP);
    context.tables().ensure(SilverTables.CUSTOMERS);
    Dataset<Row> map = context.tables().read(SilverTables.IDENTITY_MAP);
    Dataset<Row> customers = customers(map).localCheckpoint();
    context.tables().replaceAll(SilverTables.CUSTOMERS, customers, context.commitNote("customers"));
    long written = context.tables().read(SilverTables.CUSTOMERS).count();
    context.progress().accept("customers: %,d customers".formatted(written));
    return JobResult.written(written, written);
  }

  /** One row per customer_key of {@code identityMap} with the CUSTOMERS columns. Pure. */
  public static Dataset<Row> customers(Dataset<Row> identityMap) {
    return identityMap
        .groupBy("customer_key")
        .agg(
            min("first_seen_at").as("first_seen_at"),
            max("last_seen_at").as("last_seen_at"),
            count(lit(1)).as("identifiers"),
            ofType(IdentifierType.ANONYMOUS_ID).as("anonymous_ids"),
            ofType(IdentifierType.CUSTOMER_ID).as("customer_ids"),
            ofType(IdentifierType.EMAIL).as("emails"),
            ofType(IdentifierType.PHONE).as("phones"),
            ofType(IdentifierType.DEVICE_ID).as("device_ids"),
            seenIn("web_events").as("has_web"),
            seenIn("orders").as("has_orders"),
            seenIn("support_tickets").as("has_tickets"),
            seenIn("survey_responses").as("has_surveys"))
        .withColumn("is_identified",
            col("customer_ids").plus(col("emails")).plus(col("phones")).gt(0));
  }

  private static Column ofType(IdentifierType type) {
    return count(when(col("identifier_type").equalTo(type.code()), 1));
  }

  private static Column seenIn(String source) {
    return coalesce(bool_or(array_contains(col("sources"), source)), lit(false));
  }
}
