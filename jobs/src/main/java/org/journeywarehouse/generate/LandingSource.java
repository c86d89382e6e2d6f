package org.journeywarehouse.generate;

import java.util.List;

/**
 * The five landing sources: their folder names, required fields and required timestamps, as the
 * ingestion side validates them (DESIGN.md "Landing formats"). The first required field is the
 * natural key, except for fx_rates, keyed by date and currency.
 */
enum LandingSource {
  WEB_EVENTS(
      "web_events",
      List.of("event_id", "event_ts", "event_name", "anonymous_id"),
      List.of("event_ts")),
  ORDERS(
      "orders",
      List.of(
          "order_id", "updated_at", "created_at", "total_price", "currency", "financial_status"),
      List.of("updated_at", "created_at")),
  SUPPORT_TICKETS(
      "support_tickets",
      List.of("ticket_id", "updated_at", "created_at", "channel", "status"),
      List.of("updated_at", "created_at")),
  SURVEY_RESPONSES(
      "survey_responses",
      List.of("response_id", "created_at", "survey_type", "score"),
      List.of("created_at")),
  // Reference data stays clean: a broken rate would poison every converted amount.
  FX_RATES("fx_rates", List.of("date", "currency", "rate_to_reporting"), List.of());

  private final String folder;
  private final List<String> requiredFields;
  private final List<String> requiredTimestamps;

  LandingSource(String folder, List<String> requiredFields, List<String> requiredTimestamps) {
    this.folder = folder;
    this.requiredFields = requiredFields;
    this.requiredTimestamps = requiredTimestamps;
  }

  /** The folder under the landing root, also the source's name in ground truth. */
  String folder() {
    return folder;
  }

  List<String> requiredFields() {
    return requiredFields;
  }

  List<String> requiredTimestamps() {
    return requiredTimestamps;
  }
}
