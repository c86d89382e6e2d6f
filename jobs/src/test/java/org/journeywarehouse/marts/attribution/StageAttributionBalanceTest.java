package org.journeywarehouse.marts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.journeywarehouse.testing.DataFrames.rows;
import static org.journeywarehouse.testing.TableRows.day;
import static org.journeywarehouse.testing.TableRows.money;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.Columns;
import org.junit.jupiter.api.Test;

class StageAttributionBalanceTest {
  private static final List<String> MODELS = List.of("first_touch", "linear");
  private static final StructType TRANSITIONS =
      new StructType()
          .add("customer_key", DataTypes.StringType)
          .add("transition", DataTypes.StringType)
          .add("transition_date", DataTypes.DateType)
          .add("revenue", Columns.MONEY);
  private static final StructType MART =
      new StructType()
          .add("transition_date", DataTypes.DateType)
          .add("transition", DataTypes.StringType)
          .add("model", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("transitions", DataTypes.DoubleType)
          .add("revenue", Columns.MONEY);

  /** Two customers purchased on 11-04 (10.00 and 20.01): 2 transitions, 30.01 per model. */
  private static Dataset<Row> transitions() {
    return rows(
        TRANSITIONS,
        new Object[] {"k1", "consideration->purchase", day("2026-11-04"), money("10.00")},
        new Object[] {"k2", "consideration->purchase", day("2026-11-04"), money("20.01")});
  }

  @Test
  void aBalancedMartPassesWithinTheDoubleTolerance() {
    // first_touch: 1 + 1 = 2, 10.00 + 20.01 = 30.01. linear: k1's path Email, Direct, Direct
    // and k2's Email: Email 1/3 + 1 and 3.34 + 20.01 = 23.35, Direct 2/3 and 6.66; the group
    // sums to 2 (within 1e-9: 1/3 and 2/3 are not exact doubles) and 30.01. Two groups.
    Dataset<Row> mart =
        rows(
            MART,
            row("first_touch", "Email", 2.0, "30.01"),
            row("linear", "Email", 1.0 / 3 + 1, "23.35"),
            row("linear", "Direct", 2.0 / 3, "6.66"));

    StageAttributionBalance balance = balance(mart);

    assertThat(balance).isEqualTo(new StageAttributionBalance(2, 0, 2, 3));
    assertThat(balance.passed()).isTrue();
    assertThat(balance.observed()).isEqualTo("groups=2 failed_groups=0 transitions=2 mart_rows=3");
  }

  @Test
  void aCentOffAMissingModelOrAnUnexpectedGroupFails() {
    // first_touch on 11-04: 30.00, one cent short: failed. linear on 11-04: no rows at all:
    // failed (2 transitions expected, none credited). first_touch on 11-05, a date without
    // transitions: a group with nothing expected: failed. 3 groups, 3 failed, 2 mart rows.
    Dataset<Row> mart =
        rows(
            MART,
            row("first_touch", "Email", 2.0, "30.00"),
            new Object[] {
              day("2026-11-05"),
              "consideration->purchase",
              "first_touch",
              "Email",
              1.0,
              money("5.00")
            });

    StageAttributionBalance balance = balance(mart);

    assertThat(balance).isEqualTo(new StageAttributionBalance(3, 3, 2, 2));
    assertThat(balance.passed()).isFalse();
  }

  @Test
  void anEmptySliceBalances() {
    StageAttributionBalance balance =
        StageAttributionBalance.of(
            StageAttributionBalance.counts(transitions().limit(0), rows(MART), MODELS).first());

    assertThat(balance).isEqualTo(new StageAttributionBalance(0, 0, 0, 0));
  }

  private static StageAttributionBalance balance(Dataset<Row> mart) {
    return StageAttributionBalance.of(
        StageAttributionBalance.counts(transitions(), mart, MODELS).first());
  }

  private static Object[] row(String model, String channel, double transitions, String revenue) {
    return new Object[] {
      day("2026-11-04"), "consideration->purchase", model, channel, transitions, money(revenue)
    };
  }
}
