package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.journeywarehouse.bronze.RawSchemas.strings;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.catalog.BronzeTables;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiRedaction;

/** Parsing rules for helpdesk tickets (Zendesk-like exports, re-delivered as they progress). */
final class SupportTicketsStaging {
  static final LandingSource SOURCE =
      new LandingSource(
          "support_tickets",
          BronzeTables.SUPPORT_TICKETS,
          strings(
                  "ticket_id", "updated_at", "created_at", "requester_email", "requester_phone",
                  "customer_id", "channel", "subject")
              .add("tags", DataTypes.createArrayType(DataTypes.StringType))
              .add("status", DataTypes.StringType)
              .add("first_reply_at", DataTypes.StringType)
              .add("solved_at", DataTypes.StringType)
              .add("satisfaction", DataTypes.StringType)
              .add("order_id", DataTypes.StringType),
          List.of("ticket_id", "updated_at", "created_at", "channel", "status"),
          List.of("updated_at", "created_at", "first_reply_at", "solved_at"),
          "created_at",
          List.of("ticket_id"),
          "updated_at",
          Values.firstFailing(
              List.of("channel", "status", "satisfaction"),
              List.of(
                  Values.notOneOf("channel", List.of("email", "chat", "phone", "web")),
                  Values.notOneOf("status", List.of("new", "open", "pending", "hold", "solved", "closed")),
                  Values.notOneOf("satisfaction", List.of("good", "bad", "offered", "unoffered")))),
          "requester_email",
          "requester_phone",
          SupportTicketsStaging::toBronze);

  private SupportTicketsStaging() {}

  private static Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules) {
    Column createdAt = Timestamps.parse(col("created_at"));
    return valid.select(
        col("ticket_id"),
        Timestamps.parse(col("updated_at")).as("updated_at"),
        createdAt.as("created_at"),
        Timestamps.reportingDate(createdAt, rules.reportingZone()).as("ticket_date"),
        PiiFunctions.emailHash(col("requester_email")).as("requester_email_hash"),
        PiiFunctions.phoneHash(col("requester_phone"), rules.defaultPhoneRegion()).as("requester_phone_hash"),
        lit(rules.keyVersion()).as("pii_key_version"),
        col("customer_id"),
        col("channel"),
        PiiRedaction.redactedText(col("subject")).as("subject"),
        col("tags"),
        col("status"),
        Timestamps.parse(col("first_reply_at")).as("first_reply_at"),
        Timestamps.parse(col("solved_at")).as("solved_at"),
        col("satisfaction"),
        col("order_id"),
        col("source_file"),
        col("landing_date"));
  }
}
