package org.journeywarehouse.marts.stages;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.marts.attribution.AttributionPaths;
import org.journeywarehouse.marts.attribution.RuleBasedModels;

/**
 * Each buyer's acquisition channel: the channel last non-direct credits with the first counted
 * order, on the same path the attribution marts use (DESIGN.md, Attribution), so customer_stages
 * and attribution_credit never disagree about it. Pure: Datasets in, Dataset out.
 */
public final class AcquisitionChannels {
  private AcquisitionChannels() {}

  /**
   * One row per customer whose first counted order has a touch in its lookback window: {@code
   * customer_key, acquisition_channel}. The channel is the last touch not on a direct channel, or
   * the last touch when all are direct ({@link RuleBasedModels#LAST_NON_DIRECT}); a first order
   * without a touch has no row here (the caller shows {@code (none)}).
   *
   * @param conversions counted orders: order_id, customer_key, conversion_at, conversion_date,
   *     revenue, is_first_order, order_sequence (every order, so a reset lookback sees the previous
   *     one; only order_sequence 1 is credited)
   * @param sessions session_id, customer_key, session_start_at, channel, campaign
   */
  public static Dataset<Row> firstOrders(
      Dataset<Row> conversions,
      Dataset<Row> sessions,
      AttributionPaths.Lookback lookback,
      RuleBasedModels.Parameters parameters) {
    Dataset<Row> firstOrders =
        AttributionPaths.withPreviousConversion(conversions)
            .where(col("order_sequence").equalTo(1));
    Dataset<Row> touches =
        AttributionPaths.touches(firstOrders, sessions, lookback).where(col("touch_count").gt(0));
    // Last non-direct gives one touch the whole credit and every other touch 0.
    Dataset<Row> credited =
        RuleBasedModels.credit(touches, parameters, List.of(RuleBasedModels.LAST_NON_DIRECT))
            .where(col("credit").gt(0));
    return credited
        .join(touches, new String[] {"order_id", "touch_index"})
        .select(col("customer_key"), col("channel").as("acquisition_channel"));
  }
}
