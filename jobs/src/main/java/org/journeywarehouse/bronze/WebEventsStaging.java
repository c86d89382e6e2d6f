package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.BronzeTables;

/** Parsing rules for clickstream events (GA4/Snowplow-like exports). */
final class WebEventsStaging {
  /** Event names are an open list; only their shape is checked. */
  private static final String EVENT_NAME = "^[a-z][a-z0-9_]{0,63}$";

  static final LandingSource SOURCE =
      new LandingSource(
          "web_events",
          BronzeTables.WEB_EVENTS,
          strings(
              "event_id", "event_ts", "event_name", "anonymous_id", "user_id", "device_id",
              "session_id", "page_url", "referrer", "utm_source", "utm_medium", "utm_campaign",
              "order_id"),
          List.of("event_id", "event_ts", "event_name", "anonymous_id"),
          List.of("event_ts"),
          "event_ts",
          List.of("event_id"),
          null,
          Values.firstFailing(List.of("event_name"), List.of(col("event_name").rlike(EVENT_NAME).unary_$bang())),
          null,
          null,
          WebEventsStaging::toBronze);

  private WebEventsStaging() {}

  private static Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
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
