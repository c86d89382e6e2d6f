package org.journeywarehouse.pii;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.testing.TestSpark;
import org.junit.jupiter.api.Test;

class PiiFunctionsTest {
  private static final StructType RAW = new StructType().add("raw", DataTypes.StringType);
  private static final StructType PAIR =
      new StructType().add("raw", DataTypes.StringType).add("normalized", DataTypes.StringType);

  @Test
  void emailsAreTrimmedOfEveryKindOfSpaceAndLowerCased() {
    // Spark's trim misses U+00A0 (no-break) and U+2007 (figure space); both are edge white space.
    Dataset<Row> input =
        rows(RAW,
            new Object[] {"  Jane.Doe12@Example.COM\u00a0"},
            new Object[] {"\u2007jane.doe12@example.com"},
            new Object[] {"jane.doe12@example.com"},
            new Object[] {"not-an-email"},
            new Object[] {"two words@example.com"},
            new Object[] {null});
    Dataset<Row> expected =
        rows(PAIR,
            new Object[] {"  Jane.Doe12@Example.COM\u00a0", "jane.doe12@example.com"},
            new Object[] {"\u2007jane.doe12@example.com", "jane.doe12@example.com"},
            new Object[] {"jane.doe12@example.com", "jane.doe12@example.com"},
            new Object[] {"not-an-email", null},
            new Object[] {"two words@example.com", null},
            new Object[] {null, null});
    assertSameRows(expected, input.select(col("raw"), PiiFunctions.normalizedEmail(col("raw")).as("normalized")));
  }

  @Test
  void phonesBecomeE164ReadingNationalNumbersInTheDefaultRegion() {
    // GB national "020 7946 0123" = +44 (drop trunk 0) 20 7946 0123; US numbers carry +1.
    Dataset<Row> input =
        rows(RAW,
            new Object[] {"+44 20 7946 0123"},
            new Object[] {"020 7946 0123"},
            new Object[] {"07700 900123"},
            new Object[] {"+1 (202) 555-0143"},
            new Object[] {"0044 7700 900123"},
            new Object[] {"12"},
            new Object[] {"call me"});
    Dataset<Row> expected =
        rows(PAIR,
            new Object[] {"+44 20 7946 0123", "+442079460123"},
            new Object[] {"020 7946 0123", "+442079460123"},
            new Object[] {"07700 900123", "+447700900123"},
            new Object[] {"+1 (202) 555-0143", "+12025550143"},
            new Object[] {"0044 7700 900123", "+447700900123"},
            new Object[] {"12", null},
            new Object[] {"call me", null});
    assertSameRows(expected, input.select(col("raw"), PiiFunctions.normalizedPhone(col("raw"), "GB").as("normalized")));
  }

  @Test
  void spellingVariantsHashAlikeWithTheKeyedHash() {
    Dataset<Row> input =
        rows(RAW, new Object[] {" Jane.Doe12@Example.com"}, new Object[] {"jane.doe12@example.com\u00a0"});
    String expected =
        Hmac.sha256Hex(TestSpark.TEST_SECRET.getBytes(StandardCharsets.UTF_8), "jane.doe12@example.com");
    assertThat(input.select(PiiFunctions.emailHash(col("raw"))).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly(expected, expected);
  }

  @Test
  void theKeyIsNotInTheQueryPlan() {
    Dataset<Row> hashed = rows(RAW, new Object[] {"a@example.com"}).select(PiiFunctions.emailHash(col("raw")));
    String plans = hashed.queryExecution().toString();
    assertThat(plans).contains(PiiFunctions.HMAC_UDF).doesNotContain(TestSpark.TEST_SECRET);
  }

  @Test
  void redactionRemovesEmailAndPhoneValuesEvenFromBrokenLines() {
    StructType line = new StructType().add("line", DataTypes.StringType);
    Dataset<Row> input =
        rows(line,
            new Object[] {"{\"order_id\":\"o-1\",\"email\":\"Jane@Example.com\",\"phone\":\"+44 20 7946 0123\"}"},
            new Object[] {"{\"ticket_id\":\"t-1\",\"requester_email\":\"jane@exa"},
            new Object[] {"{\"order_id\":\"o-2\",\"phone\":447700900123,\"created_at\":\"2026-11-02T10:00:00Z\"}"},
            new Object[] {"garbage jane@example.com garbage"});
    StructType pair = new StructType().add("line", DataTypes.StringType).add("redacted", DataTypes.StringType);
    Dataset<Row> expected =
        rows(pair,
            new Object[] {"{\"order_id\":\"o-1\",\"email\":\"Jane@Example.com\",\"phone\":\"+44 20 7946 0123\"}",
                "{\"order_id\":\"o-1\",\"email\":\"<redacted>\",\"phone\":\"<redacted>\"}"},
            new Object[] {"{\"ticket_id\":\"t-1\",\"requester_email\":\"jane@exa",
                "{\"ticket_id\":\"t-1\",\"requester_email\":\"<redacted>\""},
            new Object[] {"{\"order_id\":\"o-2\",\"phone\":447700900123,\"created_at\":\"2026-11-02T10:00:00Z\"}",
                "{\"order_id\":\"o-2\",\"phone\":\"<redacted>\",\"created_at\":\"2026-11-02T10:00:00Z\"}"},
            new Object[] {"garbage jane@example.com garbage", "garbage <redacted> garbage"});
    assertSameRows(expected, input.select(col("line"), PiiRedaction.redactedLine(col("line")).as("redacted")));
  }
}
