package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.pii.Hmac;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

class OrdersStagingTest {
  private static final StructType LINES =
      new StructType()
          .add("value", DataTypes.StringType)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType CLASSIFIED =
      new StructType()
          .add("value", DataTypes.StringType)
          .add("_status", DataTypes.StringType)
          .add("_reason", DataTypes.StringType)
          .add("_detail", DataTypes.StringType);
  private static final Date DAY = Date.valueOf("2026-11-02");
  private static final StagingRules RULES = new StagingRules(ZoneId.of("UTC"), 30, "GB", 1);
  private static final LandingSource ORDERS = OrdersStaging.SOURCE;

  // o-1 arrives twice in one delivery; the 11:00 version is newer and wins.
  private static final String O1_OLD = order("o-1", "2026-11-02T10:00:00Z", "59.90", "pending");
  private static final String O1_NEW = order("o-1", "2026-11-02T12:00:00+01:00", "59.90", "paid");
  // o-3: two versions with the same updated_at; the tie goes to the smaller text ("paid" < "pending").
  private static final String O3_PAID = order("o-3", "2026-11-02T09:00:00Z", "10.00", "paid");
  private static final String O3_PENDING = order("o-3", "2026-11-02T09:00:00Z", "10.00", "pending");
  private static final String O2 = order("o-2", "2026-11-02T08:00:00Z", "5.00", "paid");

  @Test
  void everyLineGetsExactlyOneStatusAndTheFirstReasonThatApplies() {
    String malformed = "{\"order_id\":\"o-4\",\"total_price\":";
    String missingCurrency = O2.replace("\"currency\":\"EUR\",", "").replace("o-2", "o-5");
    String noOffset = O2.replace("\"created_at\":\"2026-11-01T20:00:00Z\"", "\"created_at\":\"2026-11-01T20:00:00\"").replace("o-2", "o-6");
    String impossibleDate = O2.replace("2026-11-02T08:00:00Z", "2026-02-30T08:00:00Z").replace("o-2", "o-7");
    String commaDecimal = O2.replace("\"5.00\"", "\"5,00\"").replace("o-2", "o-8");
    String tooLate = O2.replace("2026-11-01T20:00:00Z", "2026-09-01T20:00:00Z").replace("o-2", "o-9");
    String blank = " \u00a0 ";
    Dataset<Row> lines =
        rows(LINES,
            line(O1_OLD), line(O1_NEW), line(O2), line(O2), line(O3_PENDING), line(O3_PAID),
            line(malformed), line(missingCurrency), line(noOffset), line(impossibleDate),
            line(commaDecimal), line(tooLate), line(blank));

    // By hand: 3 ok (o-1 new, one o-2, o-3 paid), 3 duplicates (o-1 old, second o-2, o-3
    // pending), 6 quarantined with the first failing rule, 1 blank line: 13 lines in all.
    Dataset<Row> expected =
        rows(CLASSIFIED,
            new Object[] {O1_NEW, "ok", null, null},
            new Object[] {O1_OLD, "duplicate", null, null},
            new Object[] {O2, "ok", null, null},
            new Object[] {O2, "duplicate", null, null},
            new Object[] {O3_PAID, "ok", null, null},
            new Object[] {O3_PENDING, "duplicate", null, null},
            new Object[] {malformed, "quarantined", "malformed_json", null},
            new Object[] {missingCurrency, "quarantined", "missing_required_field", "currency"},
            new Object[] {noOffset, "quarantined", "timestamp_without_offset", "created_at"},
            new Object[] {impossibleDate, "quarantined", "invalid_timestamp", "updated_at"},
            new Object[] {commaDecimal, "quarantined", "invalid_value", "total_price"},
            new Object[] {tooLate, "quarantined", "too_late", "created_at"},
            new Object[] {blank, "blank", null, null});
    assertSameRows(
        expected,
        LandingStaging.classify(lines, ORDERS, RULES).select("value", "_status", "_reason", "_detail"));
  }

  @Test
  void validOrdersAreTypedHashedAndInUtc() {
    Dataset<Row> classified = LandingStaging.classify(rows(LINES, line(O1_NEW)), ORDERS, RULES);
    Dataset<Row> bronze = LandingStaging.bronzeRows(classified, ORDERS, RULES);

    // 12:00+01:00 is 11:00 UTC; the email " Jane.Doe@Example.com" normalizes to
    // "jane.doe@example.com" and "020 7946 0123" (GB) to "+442079460123" before hashing.
    byte[] key = TestSpark.TEST_SECRET.getBytes(StandardCharsets.UTF_8);
    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("updated_at", DataTypes.TimestampType)
            .add("order_date", DataTypes.DateType)
            .add("email_hash", DataTypes.StringType)
            .add("phone_hash", DataTypes.StringType)
            .add("total_price_local", Columns.MONEY)
            .add("financial_status", DataTypes.StringType);
    Dataset<Row> expected =
        rows(shape,
            new Object[] {
              "o-1",
              Timestamp.from(Instant.parse("2026-11-02T11:00:00Z")),
              Date.valueOf("2026-11-01"),
              Hmac.sha256Hex(key, "jane.doe@example.com"),
              Hmac.sha256Hex(key, "+442079460123"),
              new BigDecimal("59.90"),
              "paid"
            });
    assertSameRows(
        expected,
        bronze.select(
            col("order_id"), col("updated_at"), col("order_date"), col("email_hash"),
            col("phone_hash"), col("total_price_local"), col("financial_status")));
  }

  @Test
  void quarantinedLinesAreRedactedButKeepTheirHashes() {
    String bad = O2.replace("\"5.00\"", "\"abc\"");
    Dataset<Row> quarantine =
        LandingStaging.quarantineRows(LandingStaging.classify(rows(LINES, line(bad)), ORDERS, RULES), ORDERS, RULES);
    byte[] key = TestSpark.TEST_SECRET.getBytes(StandardCharsets.UTF_8);
    StructType shape =
        new StructType()
            .add("reason", DataTypes.StringType)
            .add("raw_line_redacted", DataTypes.StringType)
            .add("email_hash", DataTypes.StringType);
    String redacted =
        bad.replace("\" Jane.Doe@Example.com\"", "\"<redacted>\"").replace("\"020 7946 0123\"", "\"<redacted>\"");
    assertSameRows(
        rows(shape, new Object[] {"invalid_value", redacted, Hmac.sha256Hex(key, "jane.doe@example.com")}),
        quarantine.select("reason", "raw_line_redacted", "email_hash"));
  }

  private static Object[] line(String value) {
    return new Object[] {value, "orders/2026-11-02/part-00000.jsonl.gz", DAY};
  }

  private static String order(String id, String updatedAt, String total, String status) {
    return ("{\"order_id\":\"%s\",\"updated_at\":\"%s\",\"created_at\":\"2026-11-01T20:00:00Z\","
            + "\"customer_id\":\"c-1\",\"email\":\" Jane.Doe@Example.com\",\"phone\":\"020 7946 0123\","
            + "\"total_price\":\"%s\",\"currency\":\"EUR\",\"financial_status\":\"%s\","
            + "\"refunded_amount\":null,\"cancelled_at\":null,\"source_name\":\"web\",\"anonymous_id\":\"a-1\"}")
        .formatted(id, updatedAt, total, status);
  }
}
