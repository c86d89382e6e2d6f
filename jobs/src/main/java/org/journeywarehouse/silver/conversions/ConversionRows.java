package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.silver.identity.CustomerKeyLookup;
import org.journeywarehouse.silver.identity.CustomerKeyLookup.Candidate;
import org.journeywarehouse.silver.identity.CustomerKeys;
import org.journeywarehouse.silver.identity.IdentifierType;

/**
 * The rows the conversions job writes: {@code journey_silver.conversions} and its part of
 * {@code journey_bronze.quarantine}. Pure: orders with revenue ({@link
 * FxConversion#withReportingRevenue}) and the identity map in, rows out.
 */
public final class ConversionRows {
  /** Quarantine {@code source} of this job's rows; reruns replace exactly these. */
  public static final String QUARANTINE_SOURCE = "conversions";

  /** Account first, then email, phone and cookie: the strongest identifier decides. */
  public static final List<Candidate> KEY_CANDIDATES =
      List.of(
          new Candidate(IdentifierType.CUSTOMER_ID, "customer_id"),
          new Candidate(IdentifierType.EMAIL, "email_hash"),
          new Candidate(IdentifierType.PHONE, "phone_hash"),
          new Candidate(IdentifierType.ANONYMOUS_ID, "anonymous_id"));

  /**
   * Namespace of the key of an order with no identifier at all. Not an identifier type, so it
   * can never collide with a key of the identity map.
   */
  static final String ORDER_KEY_TYPE = "order_id";

  private ConversionRows() {}

  /**
   * One row per conversion in the columns of {@code journey_silver.conversions}: counted orders
   * with a rate, the {@code customer_key} of their identifiers ({@link #KEY_CANDIDATES}), an
   * order with no identifier at all keyed by its own id ({@link #orderKey}), and the customer's
   * order sequence. {@code customer_key} stays null only when identifiers are present but
   * missing from the map (a stale map), which the job's ledger refuses.
   */
  public static Dataset<Row> conversions(
      Dataset<Row> withRevenue, Dataset<Row> identityMap, List<String> countedStatuses) {
    Dataset<Row> keyed =
        CustomerKeyLookup.withCustomerKey(
                Conversions.counted(withRevenue, countedStatuses), identityMap, KEY_CANDIDATES)
            .withColumn(
                "customer_key",
                coalesce(col("customer_key"), when(hasNoIdentifier(), orderKey())));
    return Conversions.withOrderSequence(keyed)
        .select(
            col("order_id"),
            col("customer_key"),
            col("created_at").as("conversion_at"),
            col("order_date").as("conversion_date"),
            col("financial_status"),
            col("source_name"),
            col("anonymous_id"),
            col("currency"),
            col("total_price_local"),
            coalesce(col("refunded_amount_local"), lit(BigDecimal.ZERO).cast(Columns.MONEY))
                .as("refunded_amount_local"),
            col("fx_rate"),
            col("gross_revenue"),
            col("revenue"),
            col("order_sequence"),
            col("is_first_order"),
            col("is_repeat_order"));
  }

  /**
   * True when the order carries none of the identifiers of {@link #KEY_CANDIDATES}: a POS sale
   * to an unknown buyer. A real sale, so it keeps its revenue under a key of its own.
   */
  public static Column hasNoIdentifier() {
    Column none = lit(true);
    for (Candidate candidate : KEY_CANDIDATES) {
      none = none.and(col(candidate.column()).isNull());
    }
    return none;
  }

  /** {@code ck_} + 24 hex of sha2("order_id|" + order_id): stable across runs, like any key. */
  public static Column orderKey() {
    return CustomerKeys.customerKey(lit(ORDER_KEY_TYPE), col("order_id"));
  }

  /**
   * Counted orders without a rate, in the columns of {@code journey_bronze.quarantine}: reason
   * {@code missing_fx_rate}, the detail of {@link FxConversion}, the order's hashes (so erasure
   * reaches the row), {@code line_hash} = sha2("orders|" + order_id) to find the order again,
   * and the file and delivery day of the order's newest version.
   */
  public static Dataset<Row> quarantine(Dataset<Row> withRevenue, List<String> countedStatuses) {
    Dataset<Row> flagged =
        FxConversion.quarantinedForMissingRate(withRevenue, countedStatuses)
            .select(col("order_id").as("_quarantined_order_id"), col("reason"), col("detail"));
    // One row per order on both sides (latest versions), so the join keeps the count.
    return withRevenue
        .join(flagged, col("order_id").equalTo(col("_quarantined_order_id")))
        .select(
            lit(QUARANTINE_SOURCE).as("source"),
            col("reason"),
            col("detail"),
            lit(null).cast("string").as("raw_line_redacted"),
            col("email_hash"),
            col("phone_hash"),
            sha2(concat(lit("orders|"), col("order_id")), 256).as("line_hash"),
            col("source_file"),
            col("landing_date"));
  }
}
