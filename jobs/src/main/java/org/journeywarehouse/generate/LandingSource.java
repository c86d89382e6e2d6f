package org.journeywarehouse.generate;

import java.util.List;

/**
 * The five landing sources: their folder names, natural keys, required fields and required
 * timestamps, as the ingestion side validates them (DESIGN.md "Landing formats").
 */
enum LandingSource {
  WEB_EVENTS(
      "web_events",
      "event_id",
      List.of("event_id", "event_ts", "event_name", "anonymous_id"),
      List.of("event_ts")),
  ORDERS(
      "orders",
      "order_id",
      List.of(
          "order_id", "updated_at", "created_at", "total_price", "currency", "financial_status"),
      List.of("updated_at", "created_at")),
  SUPPORT_TICKETS(
      "support_tickets",
      "ticket_id",
      List.of("ticket_id", "updated_at", "created_at", "channel", "status"),
      List.of("updated_at", "created_at")),
  SURVEY_RESPONSES(
      "survey_responses",
      "response_id",
      List.of("response_id", "created_at", "survey_type", "score"),
      List.of("created_at")),
  // Reference data stays clean: a broken rate would poison every converted amount.
  FX_RATES(
      "fx_rates", "date,currency", List.of("date", "currency", "rate_to_reporting"), List.of());

  private final String folder;
  private final String naturalKey;
  private final List<String> requiredFields;
  private final List<String> requiredTimestamps;

  LandingSource(
      String folder,
      String naturalKey,
      List<String> requiredFields,
      List<String> requiredTimestamps) {
    this.folder = folder;
    this.naturalKey = naturalKey;
    this.requiredFields = requiredFields;
    this.requiredTimestamps = requiredTimestamps;
  }

  /** The folder under the landing root, also the source's name in ground truth. */
  String folder() {
    return folder;
  }

  String naturalKey() {
    return naturalKey;
  }

  List<String> requiredFields() {
    return requiredFields;
  }

  List<String> requiredTimestamps() {
    return requiredTimestamps;
  }

  /** Whether lines of this source get dirt, duplicates and blank lines. */
  boolean carriesDirt() {
    return this != FX_RATES;
  }
}
