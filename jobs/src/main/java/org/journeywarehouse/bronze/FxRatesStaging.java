package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.journeywarehouse.catalog.BronzeTables;

/** Parsing rules for daily exchange rates to the reporting currency. */
final class FxRatesStaging {
  private static final String RATE = "^\\d{1,10}(\\.\\d{1,8})?$";
  private static final DecimalType RATE_TYPE = DataTypes.createDecimalType(18, 8);
  private static final Column RATE_DATE = to_date(col("date"), "yyyy-MM-dd");

  static final LandingSource SOURCE =
      new LandingSource(
          "fx_rates",
          BronzeTables.FX_RATES,
          strings("date", "currency", "rate_to_reporting"),
          List.of("date", "currency", "rate_to_reporting"),
          List.of(),
          null, // a rate is a date, not an event; it may be restated for any past day
          List.of("date", "currency"),
          null,
          Values.firstFailing(
              List.of("date", "currency", "rate_to_reporting"),
              List.of(
                  RATE_DATE.isNull(),
                  Values.notCurrency("currency"),
                  col("rate_to_reporting").rlike(RATE).unary_$bang()
                      .or(col("rate_to_reporting").cast(RATE_TYPE).leq(0)))),
          null,
          null,
          FxRatesStaging::toBronze);

  private FxRatesStaging() {}

  private static Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
    return valid.select(
        RATE_DATE.as("rate_date"),
        col("currency"),
        col("rate_to_reporting").cast(RATE_TYPE).as("rate_to_reporting"),
        col("source_file"),
        col("landing_date"));
  }
}
