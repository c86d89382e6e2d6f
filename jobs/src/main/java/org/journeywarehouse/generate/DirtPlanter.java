package org.journeywarehouse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns a clean record into a line with exactly one defect, so the reason ingestion must give is
 * unambiguous. Web events get no {@code invalid_value}: their only free-form values are identifiers
 * and event names, whose list is open.
 */
final class DirtPlanter {
  private static final DirtReason[] ALL_REASONS = DirtReason.values();
  private static final DirtReason[] WEB_EVENT_REASONS = {
    DirtReason.MALFORMED_JSON, DirtReason.MISSING_REQUIRED_FIELD,
    DirtReason.TIMESTAMP_WITHOUT_OFFSET, DirtReason.INVALID_TIMESTAMP
  };

  private DirtPlanter() {}

  static DirtReason pickReason(LandingSource source, SplittableRandom random) {
    DirtReason[] reasons = source == LandingSource.WEB_EVENTS ? WEB_EVENT_REASONS : ALL_REASONS;
    return reasons[random.nextInt(reasons.length)];
  }

  /** The record rendered with the defect {@code reason}; the record itself is not changed. */
  static String plant(
      LandingSource source, JsonRecord clean, DirtReason reason, SplittableRandom random) {
    JsonRecord dirty = clean.copy();
    switch (reason) {
      case MALFORMED_JSON -> {
        return truncated(clean.render(random), random);
      }
      case MISSING_REQUIRED_FIELD -> dropRequiredField(source, dirty, random);
      case TIMESTAMP_WITHOUT_OFFSET -> {
        String field = Draws.pick(random, source.requiredTimestamps());
        JsonRecord.Timestamp timestamp = (JsonRecord.Timestamp) dirty.value(field);
        dirty.put(field, TimestampText.withoutOffset(timestamp.epochMillis(), timestamp.style()));
      }
      case INVALID_TIMESTAMP -> {
        String field = Draws.pick(random, source.requiredTimestamps());
        JsonRecord.Timestamp timestamp = (JsonRecord.Timestamp) dirty.value(field);
        dirty.put(
            field, TimestampText.impossible(timestamp.epochMillis(), timestamp.style(), random));
      }
      case INVALID_VALUE -> putInvalidValue(source, dirty, random);
      default -> throw new IllegalStateException("unhandled dirt reason " + reason);
    }
    return dirty.render(random);
  }

  /** A prefix of the JSON text cut between a quarter and three quarters of its length. */
  private static String truncated(String json, SplittableRandom random) {
    int length = json.length();
    return json.substring(0, length / 4 + random.nextInt(Math.max(1, length / 2)));
  }

  /** Leaves a required field out, writes it as null, or as an empty string. */
  private static void dropRequiredField(
      LandingSource source, JsonRecord record, SplittableRandom random) {
    String field = Draws.pick(random, source.requiredFields());
    boolean numeric = record.value(field) instanceof Number;
    switch (random.nextInt(numeric ? 2 : 3)) {
      case 0 -> record.remove(field);
      case 1 -> record.put(field, new JsonRecord.RawJson("null"));
      default -> record.put(field, "");
    }
  }

  private static void putInvalidValue(
      LandingSource source, JsonRecord record, SplittableRandom random) {
    switch (source) {
      case ORDERS -> invalidOrderValue(record, random);
      case SUPPORT_TICKETS -> {
        if (random.nextBoolean()) {
          record.put("status", Draws.pick(random, List.of("unknown_status", "in_progress")));
        } else {
          record.put("channel", Draws.pick(random, List.of("fax", "carrier_pigeon")));
        }
      }
      case SURVEY_RESPONSES -> invalidSurveyValue(record, random);
      default -> throw new IllegalStateException(source + " gets no invalid_value dirt");
    }
  }

  private static void invalidOrderValue(JsonRecord record, SplittableRandom random) {
    switch (random.nextInt(3)) {
      case 0 -> {
        String commaDecimal = record.text("total_price").replace('.', ',');
        record.put("total_price", Draws.pick(random, List.of(commaDecimal, "abc", "n/a")));
      }
      case 1 -> record.put("currency", Draws.pick(random, List.of("EURO", "EU", "\u20ac")));
      default ->
          record.put("financial_status", Draws.pick(random, List.of("unknown_status", "settled")));
    }
  }

  private static void invalidSurveyValue(JsonRecord record, SplittableRandom random) {
    if (random.nextInt(4) == 0) {
      record.put("survey_type", "poll");
    } else if ("nps".equals(record.text("survey_type"))) {
      record.put("score", Draws.pick(random, List.of(11, 12, -1, 100)));
    } else {
      record.put("score", Draws.pick(random, List.of(0, 6, 10)));
    }
  }
}
