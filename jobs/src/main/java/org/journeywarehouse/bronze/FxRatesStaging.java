package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.TableDefinition;

/** Parsing rules for daily exchange rates to the reporting currency. */
final class FxRatesStaging implements LandingSource {
  private static final String RATE = "^\\d{1,10}(\\.\\d{1,8})?$";

  @Override
  public String name() {
    return "fx_rates";
  }

  @Override
  public TableDefinition table() {
    return BronzeTables.FX_RATES;
  }

  @Override
  public StructType rawSchema() {
    return strings("date", "currency", "rate_to_reporting");
  }

  @Override
  public List<String> requiredFields() {
    return List.of("date", "currency", "rate_to_reporting");
  }

  @Override
  public List<String> timestampFields() {
    return List.of();
  }

  @Override
  public String eventTimestampField() {
    return null; // a rate is a date, not an event; it may be restated for any past day
  }

  @Override
  public List<String> naturalKey() {
    return List.of("date", "currency");
  }

  @Override
  public String versionField() {
    return null;
  }

  @Override
  public Column invalidValueField() {
    Column rate = col("rate_to_reporting");
    return Values.firstFailing(
        List.of("date", "currency", "rate_to_reporting"),
        List.of(
            to_date(col("date"), "yyyy-MM-dd").isNull(),
            col("currency").rlike("^[A-Z]{3}$").unary_$bang(),
            rate.rlike(RATE).unary_$bang().or(rate.cast(DataTypes.createDecimalType(18, 8)).leq(0))));
  }

  @Override
  public String emailField() {
    return null;
  }

  @Override
  public String phoneField() {
    return null;
  }

  @Override
  public Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
    return valid.select(
        to_date(col("date"), "yyyy-MM-dd").as("rate_date"),
        col("currency"),
        col("rate_to_reporting").cast(DataTypes.createDecimalType(18, 8)).as("rate_to_reporting"),
        col("source_file"),
        col("landing_date"));
  }
}
