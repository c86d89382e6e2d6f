package org.journeywarehouse.marts.voice;

import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.row;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.catalog.StageTables;
import org.journeywarehouse.marts.stages.JourneyStages;
import org.journeywarehouse.silver.voice.Surveys;
import org.journeywarehouse.testing.SilverRows;

/** Complete journey_silver.tickets / surveys and customer_stages rows for the voice mart tests. */
final class VoiceRows {
  private VoiceRows() {}

  /** A ticket; null reply/solve minutes leave first_reply_at / solved_at empty. UTC dates. */
  static Row ticket(
      String id,
      String customer,
      String createdAt,
      String channel,
      List<String> tags,
      String status,
      Integer replyMinutes,
      Integer solveMinutes,
      String satisfaction) {
    Timestamp created = at(createdAt);
    boolean open = !status.equals("solved") && !status.equals("closed");
    return row(
        SilverTables.TICKETS,
        "ticket_id",
        id,
        "customer_key",
        customer,
        "created_at",
        created,
        "created_date",
        utcDate(created),
        "updated_at",
        created,
        "status",
        status,
        "is_open",
        open,
        "channel",
        channel,
        "tags",
        tags,
        "satisfaction",
        satisfaction,
        "first_reply_at",
        replyMinutes == null ? null : plusMinutes(created, replyMinutes),
        "solved_at",
        solveMinutes == null ? null : plusMinutes(created, solveMinutes),
        "first_reply_minutes",
        replyMinutes == null ? null : replyMinutes.doubleValue(),
        "resolution_hours",
        solveMinutes == null || open ? null : solveMinutes / 60.0);
  }

  /** A ticket just opened: no tags, no reply, no survey. */
  static Row newTicket(String id, String customer, String createdAt, String channel) {
    return ticket(id, customer, createdAt, channel, List.of(), "new", null, null, "unoffered");
  }

  /** An NPS or CSAT response, categorized as the surveys job does. UTC dates. */
  static Row survey(String id, String customer, String createdAt, String type, int score) {
    Timestamp created = at(createdAt);
    boolean nps = type.equals("nps");
    String category =
        !nps
            ? null
            : score >= Surveys.PROMOTER_MIN_SCORE
                ? "promoter"
                : score >= Surveys.PASSIVE_MIN_SCORE ? "passive" : "detractor";
    return row(
        SilverTables.SURVEYS,
        "response_id",
        id,
        "customer_key",
        customer,
        "created_at",
        created,
        "created_date",
        utcDate(created),
        "survey_type",
        type,
        "score",
        score,
        "nps_category",
        category,
        "is_csat_satisfied",
        nps ? null : score >= Surveys.CSAT_SATISFIED_MIN_SCORE);
  }

  /**
   * A customer_stages row with the columns nps_summary reads; effective stage times as given (null:
   * not reached), the current stage the highest reached.
   */
  static Row stages(
      String customer,
      String acquisitionChannel,
      String awarenessAt,
      String considerationAt,
      String purchaseAt,
      String retentionAt,
      String advocacyAt) {
    String current =
        advocacyAt != null
            ? "advocacy"
            : retentionAt != null
                ? JourneyStages.RETENTION
                : purchaseAt != null
                    ? JourneyStages.PURCHASE
                    : considerationAt != null
                        ? JourneyStages.CONSIDERATION
                        : JourneyStages.AWARENESS;
    return row(
        StageTables.CUSTOMER_STAGES,
        "customer_key",
        customer,
        "as_of_date",
        Date.valueOf("2026-11-03"),
        "awareness_at",
        at(awarenessAt),
        "awareness_observed_at",
        at(awarenessAt),
        "awareness_source",
        "session",
        "consideration_at",
        orNull(considerationAt),
        "purchase_at",
        orNull(purchaseAt),
        "retention_at",
        orNull(retentionAt),
        "advocacy_at",
        orNull(advocacyAt),
        "current_stage",
        current,
        "first_touch_channel",
        "Direct",
        "first_touch_campaign",
        "(not set)",
        "acquisition_channel",
        acquisitionChannel,
        "awareness_cohort_month",
        Date.valueOf("2026-09-01"),
        "is_observed_awareness_to_consideration",
        false,
        "is_observed_consideration_to_purchase",
        false,
        "is_observed_purchase_to_retention",
        false,
        "is_observed_purchase_to_advocacy",
        false,
        "is_observed_awareness_to_purchase",
        false);
  }

  /** A counted order ({@link SilverRows#conversion}, UTC dates). */
  static Row order(String id, String customer, String at, int sequence) {
    return SilverRows.conversion(id, customer, at, "10.00", sequence);
  }

  private static Timestamp orNull(String instant) {
    return instant == null ? null : at(instant);
  }

  private static Timestamp plusMinutes(Timestamp t, int minutes) {
    return Timestamp.from(t.toInstant().plusSeconds(minutes * 60L));
  }

  private static Date utcDate(Timestamp t) {
    return Date.valueOf(LocalDate.ofInstant(t.toInstant(), ZoneOffset.UTC));
  }
}
