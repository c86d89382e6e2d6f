package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.catalog.TableDefinition;

/** Parsing rules for clickstream events (GA4/Snowplow-like exports). */
final class WebEventsStaging implements LandingSource {
  private static final String EVENT_NAME = "^[a-z][a-z0-9_]{0,63}$";

  @Override
  public String name() {
    return "web_events";
  }

  @Override
  public TableDefinition table() {
    return BronzeTables.WEB_EVENTS;
  }

  @Override
  public StructType rawSchema() {
    return strings(
        "event_id", "event_ts", "event_name", "anonymous_id", "user_id", "device_id", "session_id",
        "page_url", "referrer", "utm_source", "utm_medium", "utm_campaign", "order_id");
  }

  @Override
  public List<String> requiredFields() {
    return List.of("event_id", "event_ts", "event_name", "anonymous_id");
  }

  @Override
  public List<String> timestampFields() {
    return List.of("event_ts");
  }

  @Override
  public String eventTimestampField() {
    return "event_ts";
  }

  @Override
  public List<String> naturalKey() {
    return List.of("event_id");
  }

  @Override
  public String versionField() {
    return null; // an event never changes; a second copy is a duplicate delivery
  }

  @Override
  public Column invalidValueField() {
    return Values.firstFailing(
        List.of("event_name"), List.of(col("event_name").rlike(EVENT_NAME).unary_$bang()));
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
    Column eventTs = Timestamps.parse(col("event_ts"));
    Column eventDate = Timestamps.reportingDate(eventTs, rules.reportingZone());
    return valid.select(
        col("event_id"),
        eventTs.as("event_ts"),
        eventDate.as("event_date"),
        col("event_name"),
        col("anonymous_id"),
        col("user_id"),
        col("device_id"),
        col("session_id"),
        col("page_url"),
        col("referrer"),
        col("utm_source"),
        col("utm_medium"),
        col("utm_campaign"),
        col("order_id"),
        eventDate.lt(col("landing_date")).as("is_late"),
        col("source_file"),
        col("landing_date"));
  }
}
