package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.spark.NewestRows;

/**
 * Order money in the reporting currency at the daily rate of the order date. Decimal arithmetic
 * throughout; a missing rate is flagged for quarantine, never turned into revenue 0.
 */
public final class FxConversion {
  /** Quarantine reason of a counted order with no rate for its currency and date. */
  public static final String MISSING_FX_RATE = "missing_fx_rate";
  /** Type of {@code rate_to_reporting} in bronze and of {@code fx_rate} here. */
  public static final DecimalType RATE = DataTypes.createDecimalType(18, 8);

  private static final String RATE_DATE = "_fx_rate_date";
  private static final String RATE_CURRENCY = "_fx_currency";
  private static final String RATE_VALUE = "_fx_rate_to_reporting";

  private FxConversion() {}

  /**
   * One rate per {@code (rate_date, currency)}: the one from the newest {@code landing_date}, so
   * a restatement delivered later wins; ties (same day, two files) go to the first {@code
   * source_file}.
   */
  public static Dataset<Row> latestRates(Dataset<Row> bronzeFxRates) {
    return NewestRows.firstPerKey(bronzeFxRates, new Column[] {col("rate_date"), col("currency")},
        col("landing_date").desc_nulls_last(), col("source_file").asc());
  }

  /**
   * Adds to orders the rate of their {@code order_date} and {@code currency} from {@code rates}
   * ({@link #latestRates} output) and the money in {@code reportingCurrency}: {@code fx_rate}
   * decimal(18,8) (1 for the reporting currency, with or without a row), {@code gross_revenue} =
   * total, {@code revenue} = total - refunded, each rounded HALF_UP to decimal(18,2), and {@code
   * missing_fx_rate}. Without a rate the three amounts are null, never 0.
   */
  public static Dataset<Row> withReportingRevenue(
      Dataset<Row> orders, Dataset<Row> rates, String reportingCurrency) {
    Dataset<Row> dailyRates =
        rates.select(
            col("rate_date").as(RATE_DATE),
            col("currency").as(RATE_CURRENCY),
            col("rate_to_reporting").cast(RATE).as(RATE_VALUE));
    Column sameDay = col("order_date").equalTo(col(RATE_DATE));
    Column sameCurrency = col("currency").equalTo(col(RATE_CURRENCY));
    Column rate =
        when(col("currency").equalTo(lit(reportingCurrency)), lit(BigDecimal.ONE).cast(RATE))
            .otherwise(col(RATE_VALUE));
    Column refunded =
        coalesce(col("refunded_amount_local"), lit(BigDecimal.ZERO).cast(Columns.MONEY));
    // Rates are one row per currency and day: small enough to broadcast to every order.
    return orders
        .join(broadcast(dailyRates), sameDay.and(sameCurrency), "left")
        .withColumn("fx_rate", rate)
        .withColumn("gross_revenue", inReporting(col("total_price_local")))
        .withColumn("revenue", inReporting(col("total_price_local").minus(refunded)))
        .withColumn(MISSING_FX_RATE, col("fx_rate").isNull())
        .drop(RATE_DATE, RATE_CURRENCY, RATE_VALUE);
  }

  /**
   * Rounds once, at the end: decimal(19,2) x decimal(18,8) is an exact decimal(38,10), so the
   * only rounding is round(_, 2), HALF_UP for decimals.
   */
  private static Column inReporting(Column localAmount) {
    return round(localAmount.multiply(col("fx_rate")), 2).cast(Columns.MONEY);
  }

  /**
   * Every order of {@code withRevenue} lacking a rate, in the shape {@code order_id, order_date,
   * currency, reason, detail}. Meant for input already restricted to counted orders; see {@link
   * #quarantinedForMissingRate(Dataset, List)}.
   */
  public static Dataset<Row> quarantinedForMissingRate(Dataset<Row> withRevenue) {
    Column orderDate = col("order_date").cast(DataTypes.StringType);
    Column detail = format_string("no %s rate for %s", col("currency"), orderDate);
    return withRevenue
        .where(col(MISSING_FX_RATE))
        .select(
            col("order_id"),
            col("order_date"),
            col("currency"),
            lit(MISSING_FX_RATE).as("reason"),
            detail.as("detail"));
  }

  /**
   * The counted orders lacking a rate, for quarantine. An order that is not counted never
   * becomes revenue, so its missing rate is nothing to report.
   */
  public static Dataset<Row> quarantinedForMissingRate(
      Dataset<Row> withRevenue, List<String> countedStatuses) {
    return quarantinedForMissingRate(withRevenue.where(Conversions.isCounted(countedStatuses)));
  }
}
