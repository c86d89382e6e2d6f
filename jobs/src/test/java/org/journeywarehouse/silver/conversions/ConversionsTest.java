package org.journeywarehouse.silver.conversions;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class ConversionsTest {
  private static final List<String> COUNTED =
      List.of("paid", "partially_refunded", "partially_paid");
  private static final String REPORTING = "EUR";
  private static final StructType ORDERS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("created_at", DataTypes.TimestampType)
          .add("order_date", DataTypes.DateType)
          .add("total_price_local", Columns.MONEY)
          .add("currency", DataTypes.StringType)
          .add("financial_status", DataTypes.StringType)
          .add("refunded_amount_local", Columns.MONEY)
          .add("cancelled_at", DataTypes.TimestampType)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);
  private static final StructType FX_RATES =
      new StructType()
          .add("rate_date", DataTypes.DateType)
          .add("currency", DataTypes.StringType)
          .add("rate_to_reporting", FxConversion.RATE)
          .add("source_file", DataTypes.StringType)
          .add("landing_date", DataTypes.DateType);

  @Test
  void latestOrdersKeepTheNewestVersionAcrossDeliveries() {
    // o-1 is delivered three times as it moves pending -> paid -> partially_refunded; the
    // version of 11-04 09:00 is the newest. o-2 has the same updated_at in two deliveries: the
    // later landing_date (11-03, voided) wins.
    Dataset<Row> bronze =
        rows(ORDERS,
            version("o-1", "2026-11-02T10:00:00Z", "pending", null, "2026-11-02"),
            version("o-1", "2026-11-02T12:00:00Z", "paid", null, "2026-11-03"),
            version("o-1", "2026-11-04T09:00:00Z", "partially_refunded", "10.00", "2026-11-05"),
            version("o-2", "2026-11-02T08:00:00Z", "paid", null, "2026-11-02"),
            version("o-2", "2026-11-02T08:00:00Z", "voided", null, "2026-11-03"));

    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("financial_status", DataTypes.StringType)
            .add("refunded_amount_local", Columns.MONEY)
            .add("landing_date", DataTypes.DateType);
    assertSameRows(
        rows(shape,
            new Object[] {"o-1", "partially_refunded", money("10.00"), date("2026-11-05")},
            new Object[] {"o-2", "voided", null, date("2026-11-03")}),
        Conversions.latestOrders(bronze)
            .select("order_id", "financial_status", "refunded_amount_local", "landing_date"));
  }

  @Test
  void onlyPaidNotRefundedInFullNotCancelledOrdersCount() {
    Object[] cancelled = order("cancelled", "paid", "20.00", null, "EUR");
    cancelled[8] = instant("2026-11-02T15:00:00Z");
    Dataset<Row> orders =
        rows(ORDERS,
            order("paid", "paid", "59.90", null, "EUR"),
            order("partly-refunded", "partially_refunded", "59.90", "10.00", "EUR"),
            order("partly-paid", "partially_paid", "59.90", null, "EUR"),
            order("pending", "pending", "59.90", null, "EUR"),
            order("voided", "voided", "59.90", null, "EUR"),
            // 59.90 refunded of 59.90: refunded in full even though the status still says partly.
            order("refunded-in-full", "partially_refunded", "59.90", "59.90", "EUR"),
            cancelled,
            // A free order with nothing refunded is a purchase, not a full refund.
            order("free", "paid", "0.00", null, "EUR"));

    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("is_counted", DataTypes.BooleanType, false);
    assertSameRows(
        rows(shape,
            new Object[] {"paid", true},
            new Object[] {"partly-refunded", true},
            new Object[] {"partly-paid", true},
            new Object[] {"pending", false},
            new Object[] {"voided", false},
            new Object[] {"refunded-in-full", false},
            new Object[] {"cancelled", false},
            new Object[] {"free", true}),
        orders.select(col("order_id"), Conversions.isCounted(COUNTED).as("is_counted")));
  }

  @Test
  void anEmptyCountedListIsACallerMistake() {
    assertThatThrownBy(() -> Conversions.isCounted(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("countedStatuses must name at least one financial_status, got []");
  }

  @Test
  void aRestatedRateFromALaterDeliveryWins() {
    // GBP for 11-02 is 1.15 in the 11-02 delivery and restated to 1.17 on 11-03: 1.17 wins.
    // USD for 11-02 arrives in two files of one delivery: the first file (part-0) wins.
    Dataset<Row> bronze =
        rows(FX_RATES,
            rate("2026-11-02", "GBP", "1.15", "fx/2026-11-02/part-0.jsonl", "2026-11-02"),
            rate("2026-11-02", "GBP", "1.17", "fx/2026-11-03/part-0.jsonl", "2026-11-03"),
            rate("2026-11-02", "USD", "0.92345678", "fx/2026-11-02/part-0.jsonl", "2026-11-02"),
            rate("2026-11-02", "USD", "0.99", "fx/2026-11-02/part-1.jsonl", "2026-11-02"));

    StructType shape =
        new StructType()
            .add("rate_date", DataTypes.DateType)
            .add("currency", DataTypes.StringType)
            .add("rate_to_reporting", FxConversion.RATE);
    assertSameRows(
        rows(shape,
            new Object[] {date("2026-11-02"), "GBP", rate("1.17")},
            new Object[] {date("2026-11-02"), "USD", rate("0.92345678")}),
        FxConversion.latestRates(bronze).select("rate_date", "currency", "rate_to_reporting"));
  }

  @Test
  void revenueIsConvertedAtTheRateOfTheOrderDateAndRoundedHalfUp() {
    // USD:  100.00 x 0.92345678 = 92.345678 -> 92.35 (gross and net alike).
    // GBP:  59.90 x 1.17 = 70.083 -> 70.08 gross; (59.90 - 10.00) x 1.17 = 49.90 x 1.17
    //       = 58.383 -> 58.38 net, at the restated 1.17 (not 1.15).
    // EUR:  the reporting currency, rate 1 with no EUR row: 42.50.
    // CHF:  1.00 x 1.005 = 1.005 -> 1.01 (HALF_UP; HALF_EVEN would give 1.00).
    // SEK:  a rate for 11-01 only, the order is of 11-02: no rate, every amount null, not 0.
    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("fx_rate", FxConversion.RATE)
            .add("gross_revenue", Columns.MONEY)
            .add("revenue", Columns.MONEY)
            .add("missing_fx_rate", DataTypes.BooleanType, false);
    assertSameRows(
        rows(shape,
            new Object[] {"usd", rate("0.92345678"), money("92.35"), money("92.35"), false},
            new Object[] {"gbp", rate("1.17"), money("70.08"), money("58.38"), false},
            new Object[] {"eur", rate("1"), money("42.50"), money("42.50"), false},
            new Object[] {"chf", rate("1.005"), money("1.01"), money("1.01"), false},
            new Object[] {"sek", null, null, null, true},
            new Object[] {"sek-pending", null, null, null, true}),
        withRevenue()
            .select("order_id", "fx_rate", "gross_revenue", "revenue", "missing_fx_rate"));
  }

  @Test
  void aCountedOrderWithoutARateIsQuarantinedNeverCountedAtZero() {
    // sek (paid) has no rate for 11-02: quarantined with its reason. sek-pending has none
    // either but is not counted, so it is neither a conversion nor a quarantined order.
    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("order_date", DataTypes.DateType)
            .add("currency", DataTypes.StringType)
            .add("reason", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType);
    assertSameRows(
        rows(shape,
            new Object[] {
              "sek", date("2026-11-02"), "SEK", "missing_fx_rate", "no SEK rate for 2026-11-02"
            }),
        FxConversion.quarantinedForMissingRate(withRevenue(), COUNTED));

    // The conversions: the four counted orders with a rate; sek is absent, not there at 0.00.
    StructType counted =
        new StructType().add("order_id", DataTypes.StringType).add("revenue", Columns.MONEY);
    assertSameRows(
        rows(counted,
            new Object[] {"usd", money("92.35")},
            new Object[] {"gbp", money("58.38")},
            new Object[] {"eur", money("42.50")},
            new Object[] {"chf", money("1.01")}),
        Conversions.counted(withRevenue(), COUNTED).select("order_id", "revenue"));
  }

  @Test
  void withoutStatusesEveryOrderLackingARateIsQuarantined() {
    // The one-argument form trusts its input to be counted orders already: both SEK orders.
    StructType shape =
        new StructType().add("order_id", DataTypes.StringType).add("detail", DataTypes.StringType);
    assertSameRows(
        rows(shape,
            new Object[] {"sek", "no SEK rate for 2026-11-02"},
            new Object[] {"sek-pending", "no SEK rate for 2026-11-02"}),
        FxConversion.quarantinedForMissingRate(withRevenue()).select("order_id", "detail"));
  }

  @Test
  void orderSequenceCountsEachCustomersOrdersByCreationTime() {
    // k-1: a (11-01 10:00), then b and c both at 11-02 09:00, tie broken by order_id: 1, 2, 3.
    // k-2: d is its first and only order: 1. A keyless order gets no sequence at all.
    StructType input =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("customer_key", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType);
    Dataset<Row> counted =
        rows(input,
            new Object[] {"c", "k-1", instant("2026-11-02T09:00:00Z")},
            new Object[] {"a", "k-1", instant("2026-11-01T10:00:00Z")},
            new Object[] {"b", "k-1", instant("2026-11-02T09:00:00Z")},
            new Object[] {"d", "k-2", instant("2026-10-01T08:00:00Z")},
            new Object[] {"z", null, instant("2026-10-01T08:00:00Z")});

    StructType shape =
        new StructType()
            .add("order_id", DataTypes.StringType)
            .add("order_sequence", DataTypes.IntegerType)
            .add("is_first_order", DataTypes.BooleanType)
            .add("is_repeat_order", DataTypes.BooleanType);
    assertSameRows(
        rows(shape,
            new Object[] {"a", 1, true, false},
            new Object[] {"b", 2, false, true},
            new Object[] {"c", 3, false, true},
            new Object[] {"d", 1, true, false},
            new Object[] {"z", null, null, null}),
        Conversions.withOrderSequence(counted)
            .select("order_id", "order_sequence", "is_first_order", "is_repeat_order"));
  }

  /** The FX example orders of 2026-11-02 joined to the latest rates. */
  private static Dataset<Row> withRevenue() {
    Dataset<Row> orders =
        rows(ORDERS,
            order("usd", "paid", "100.00", null, "USD"),
            order("gbp", "partially_refunded", "59.90", "10.00", "GBP"),
            order("eur", "paid", "42.50", null, "EUR"),
            order("chf", "paid", "1.00", null, "CHF"),
            order("sek", "paid", "500.00", null, "SEK"),
            order("sek-pending", "pending", "300.00", null, "SEK"));
    Dataset<Row> rates =
        rows(FX_RATES,
            rate("2026-11-02", "USD", "0.92345678", "fx/2026-11-02/part-0.jsonl", "2026-11-02"),
            rate("2026-11-02", "GBP", "1.15", "fx/2026-11-02/part-0.jsonl", "2026-11-02"),
            rate("2026-11-02", "GBP", "1.17", "fx/2026-11-03/part-0.jsonl", "2026-11-03"),
            rate("2026-11-02", "CHF", "1.005", "fx/2026-11-02/part-0.jsonl", "2026-11-02"),
            rate("2026-11-01", "SEK", "0.0865", "fx/2026-11-01/part-0.jsonl", "2026-11-01"));
    return FxConversion.withReportingRevenue(orders, FxConversion.latestRates(rates), REPORTING);
  }

  private static Object[] order(
      String id, String status, String total, String refunded, String currency) {
    return new Object[] {
      id,
      instant("2026-11-02T12:00:00Z"),
      instant("2026-11-02T11:00:00Z"),
      date("2026-11-02"),
      money(total),
      currency,
      status,
      refunded == null ? null : money(refunded),
      null,
      "orders/2026-11-02/part-0.jsonl",
      date("2026-11-02")
    };
  }

  private static Object[] version(
      String id, String updatedAt, String status, String refunded, String landingDate) {
    Object[] row = order(id, status, "59.90", refunded, "GBP");
    row[1] = instant(updatedAt);
    row[9] = "orders/" + landingDate + "/part-0.jsonl";
    row[10] = date(landingDate);
    return row;
  }

  private static Object[] rate(
      String day, String currency, String value, String file, String landingDate) {
    return new Object[] {date(day), currency, rate(value), file, date(landingDate)};
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount).setScale(2);
  }

  private static BigDecimal rate(String value) {
    return new BigDecimal(value).setScale(8);
  }

  private static Date date(String day) {
    return Date.valueOf(day);
  }

  private static Timestamp instant(String text) {
    return Timestamp.from(Instant.parse(text));
  }
}
