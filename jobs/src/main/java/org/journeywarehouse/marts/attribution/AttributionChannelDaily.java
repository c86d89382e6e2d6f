package org.journeywarehouse.marts.attribution;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.Columns;

/** attribution_credit summed per conversion date, model, channel and campaign. Pure. */
public final class AttributionChannelDaily {
  private AttributionChannelDaily() {}

  /** The rows of attribution_channel_daily from rows of attribution_credit. */
  public static Dataset<Row> summarize(Dataset<Row> credits) {
    Column isNew = col("is_new_customer");
    return credits
        .groupBy("conversion_date", "model", "channel", "campaign")
        .agg(
            count(lit(1)).as("touches"),
            sum("credit").as("conversions"),
            sum("credited_revenue").as("revenue"),
            sum(when(isNew, col("credit")).otherwise(0d)).as("new_customer_conversions"),
            money(sum(when(isNew, col("credited_revenue")))).as("new_customer_revenue"),
            sum(when(not(isNew), col("credit")).otherwise(0d)).as("returning_customer_conversions"),
            money(sum(when(not(isNew), col("credited_revenue")))).as("returning_customer_revenue"));
  }

  /** A sum over no rows is null; a revenue of nobody is 0.00. */
  private static Column money(Column sum) {
    return coalesce(sum, lit(BigDecimal.ZERO).cast(Columns.MONEY));
  }
}
