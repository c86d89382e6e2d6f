package org.journeywarehouse.marts.loyalty;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.at;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.frame;
import static org.journeywarehouse.testing.TableRows.money;
import static org.journeywarehouse.testing.TableRows.row;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.journeywarehouse.catalog.SilverTables;
import org.journeywarehouse.testing.SilverRows;
import org.junit.jupiter.api.Test;

/**
 * Five customers as of 2026-01-31 and 2026-02-28 (two month ends in one pass), min 2 orders, a
 * 365-day window: [2025-02-01, 2026-01-31] and [2025-03-01, 2026-02-28].
 *
 * <pre>
 * a  2025-02-15 10.00, 2026-01-10 20.00   01-31: F 2, M 30.00, R 21   02-28: F 1, M 20.00, R 49
 * b  2026-01-20 500.00                    01-31: F 1, M 500,   R 11   02-28: F 1, M 500,   R 39
 * c  2024-06-01 50.00, 2024-07-01 50.00   lapsed: F 0, M 0.00, R 579 (365 + 184 + 30), then 607
 * d  2026-01-05 30, 01-25 40, 02-10 25    01-31: F 2, M 70.00, R 6    02-28: F 3, M 95.00, R 18
 * e  2026-02-20 60.00                     unknown on 01-31            02-28: F 1, M 60.00, R 8
 * </pre>
 *
 * Active (the audience): a, b, d on 01-31; a, b, d, e on 02-28. c is known but never active, so
 * never loyal, whatever the rule. NPS answers: a 10 on 01-12 and 6 on 02-05; b 9 on 02-27; c 10 in
 * 2024; e 9 and 3 at the same instant on 02-21 (ids r-e1, r-e2: the tie goes to r-e2).
 */
class LoyaltyRulesTest {
  private static final StructType STATUS =
      new StructType()
          .add("as_of_date", DataTypes.DateType)
          .add("customer_key", DataTypes.StringType)
          .add("is_active", DataTypes.BooleanType)
          .add("is_loyal", DataTypes.BooleanType);

  @Test
  void repeatWithin12mCountsOrdersInTheTrailingWindow() {
    // 01-31: a F 2, d F 2 loyal. 02-28: a's 2025-02-15 order has left the window (F 1), d F 3.
    assertLoyal("repeat_within_12m", 0.1, List.of("a", "d"), List.of("d"));
  }

  @Test
  void repeatBuyerCountsOrdersEver() {
    // a, c and d have 2+ orders ever; c is not active: a, d on both dates.
    assertLoyal("repeat_buyer", 0.1, List.of("a", "d"), List.of("a", "d"));
  }

  @Test
  void topSpendTakesTheCeilingOfTheShareOfTheAudience() {
    // Share 0.1 of 3 active on 01-31: ceil(0.3) = 1, b (500.00). Of 4 on 02-28: ceil(0.4) = 1, b.
    assertLoyal("top_decile_spend", 0.1, List.of("b"), List.of("b"));
    // Share 0.5: ceil(1.5) = 2 on 01-31: b (500), d (70); exactly 2 of 4 on 02-28: b, d (95).
    assertLoyal("top_decile_spend", 0.5, List.of("b", "d"), List.of("b", "d"));
  }

  @Test
  void rfmChampionsNeedRecencyAndFrequencyScoresOfFour() {
    // 01-31, 4 known customers, ntile(5) gives 1..4. R: c 579, a 21, b 11, d 6 -> c1 a2 b3 d4.
    //   F: c 0, b 1, a 2 (R 21) before d 2 (R 6) -> c1 b2 a3 d4. R >= 4 and F >= 4: d.
    // 02-28, 5 known, 1..5. R: c 607, a 49, b 39, d 18, e 8 -> c1 a2 b3 d4 e5. F: c 0, then F 1
    //   by recency desc a (49), b (39), e (8), then d 3 -> c1 a2 b3 e4 d5. d (4, 5), e (5, 4).
    assertLoyal("rfm_champions", 0.1, List.of("d"), List.of("d", "e"));
  }

  @Test
  void promoterReadsTheLatestNpsAnswerUpToTheDate() {
    // 01-31: a's latest is 10 (the 02-05 answer is later): a. 02-28: a's latest is 6, b answered
    // 9, e's tie at 02-21 goes to r-e2 (3); c's 10 does not count, c is not active: b.
    assertLoyal("promoter", 0.1, List.of("a"), List.of("b"));
  }

  @Test
  void statusCarriesTheMeasuresScoresAndTheRule() {
    // a on 02-28: first 2025-02-15, last 2026-01-10, 2 orders ever, R 49, F 1, M 20.00, scores
    // R 2, F 2 (see rfmChampions...), M 2 (c 0, a 20, e 60, d 95, b 500), segment Hibernating,
    // latest NPS 6.
    StructType schema =
        new StructType()
            .add("first_order_date", DataTypes.DateType)
            .add("last_order_date", DataTypes.DateType)
            .add("orders_to_date", DataTypes.LongType)
            .add("recency_days", DataTypes.IntegerType)
            .add("frequency", DataTypes.LongType)
            .add("monetary", Columns.MONEY)
            .add("rfm_recency_score", DataTypes.IntegerType)
            .add("rfm_frequency_score", DataTypes.IntegerType)
            .add("rfm_monetary_score", DataTypes.IntegerType)
            .add("rfm_segment", DataTypes.StringType)
            .add("latest_nps_score", DataTypes.IntegerType)
            .add("is_active", DataTypes.BooleanType)
            .add("is_loyal", DataTypes.BooleanType)
            .add("loyalty_rule", DataTypes.StringType);
    Dataset<Row> status =
        LoyaltyRules.statusAsOf(
            conversions(), events(), LocalDate.parse("2026-02-28"), parameters("promoter", 0.1));
    assertSameRows(
        rows(
            schema,
            new Object[] {
              day("2025-02-15"),
              day("2026-01-10"),
              2L,
              49,
              1L,
              money("20.00"),
              2,
              2,
              2,
              Rfm.HIBERNATING,
              6,
              true,
              false,
              "promoter"
            }),
        status.where(col("customer_key").equalTo("a")).selectExpr(schema.fieldNames()));
  }

  @Test
  void anUnknownRuleOrAShareOutOfRangeIsRefused() {
    assertThatThrownBy(() -> parameters("big_spender", 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown loyalty rule big_spender");
    assertThatThrownBy(() -> parameters("top_decile_spend", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("topSpendShare must be in (0, 1], got 0.0");
  }

  private static void assertLoyal(
      String rule, double share, List<String> loyalOnJan31, List<String> loyalOnFeb28) {
    List<Object[]> expected = new java.util.ArrayList<>();
    for (String customer : List.of("a", "b", "c", "d")) {
      expected.add(status("2026-01-31", customer, !customer.equals("c"), loyalOnJan31));
    }
    for (String customer : List.of("a", "b", "c", "d", "e")) {
      expected.add(status("2026-02-28", customer, !customer.equals("c"), loyalOnFeb28));
    }
    assertSameRows(
        rows(STATUS, expected.toArray(Object[][]::new)),
        LoyaltyRules.status(
                conversions(),
                events(),
                RfmTest.asOf("2026-01-31", "2026-02-28"),
                parameters(rule, share))
            .select("as_of_date", "customer_key", "is_active", "is_loyal"));
  }

  private static Object[] status(String date, String customer, boolean active, List<String> loyal) {
    return new Object[] {day(date), customer, active, loyal.contains(customer)};
  }

  private static LoyaltyRules.Parameters parameters(String rule, double share) {
    return new LoyaltyRules.Parameters(rule, 2, 365, share, 4, 9);
  }

  private static Dataset<Row> conversions() {
    return frame(
        SilverTables.CONVERSIONS,
        List.of(
            SilverRows.conversion("a1", "a", "2025-02-15T10:00:00Z", "10.00", 1),
            SilverRows.conversion("a2", "a", "2026-01-10T10:00:00Z", "20.00", 2),
            SilverRows.conversion("b1", "b", "2026-01-20T10:00:00Z", "500.00", 1),
            SilverRows.conversion("c1", "c", "2024-06-01T10:00:00Z", "50.00", 1),
            SilverRows.conversion("c2", "c", "2024-07-01T10:00:00Z", "50.00", 2),
            SilverRows.conversion("d1", "d", "2026-01-05T10:00:00Z", "30.00", 1),
            SilverRows.conversion("d2", "d", "2026-01-25T10:00:00Z", "40.00", 2),
            SilverRows.conversion("d3", "d", "2026-02-10T10:00:00Z", "25.00", 3),
            SilverRows.conversion("e1", "e", "2026-02-20T10:00:00Z", "60.00", 1)));
  }

  static Dataset<Row> events() {
    return frame(
        SilverTables.JOURNEY_EVENTS,
        List.of(
            nps("r-a1", "a", "2026-01-12T09:00:00Z", 10),
            nps("r-a2", "a", "2026-02-05T09:00:00Z", 6),
            nps("r-b1", "b", "2026-02-27T09:00:00Z", 9),
            nps("r-c1", "c", "2024-08-01T09:00:00Z", 10),
            nps("r-e1", "e", "2026-02-21T10:00:00Z", 9),
            nps("r-e2", "e", "2026-02-21T10:00:00Z", 3),
            // A CSAT answer of 5 is no NPS answer.
            row(
                SilverTables.JOURNEY_EVENTS,
                "customer_key",
                "d",
                "event_at",
                at("2026-02-11T09:00:00Z"),
                "event_date",
                day("2026-02-11"),
                "event_type",
                "survey_response",
                "event_id",
                "r-d1",
                "survey_type",
                "csat",
                "score",
                5)));
  }

  private static Row nps(String id, String customer, String at, int score) {
    return row(
        SilverTables.JOURNEY_EVENTS,
        "customer_key",
        customer,
        "event_at",
        at(at),
        "event_date",
        day(at.substring(0, 10)),
        "event_type",
        "survey_response",
        "event_id",
        id,
        "survey_type",
        "nps",
        "score",
        score);
  }
}
