package org.journeywarehouse.marts.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.journeywarehouse.marts.attribution.MarkovRemovalEffect.CONVERSION;
import static org.journeywarehouse.marts.attribution.MarkovRemovalEffect.NULL;
import static org.journeywarehouse.marts.attribution.MarkovRemovalEffect.START;
import static org.journeywarehouse.testing.DataFrames.assertSameRows;
import static org.journeywarehouse.testing.DataFrames.rows;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.ChannelEffect;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.Fit;
import org.journeywarehouse.marts.attribution.MarkovRemovalEffect.Transition;
import org.junit.jupiter.api.Test;

class MarkovRemovalEffectTest {
  private static final double EXACT = 1e-12;
  private static final StructType PATHS =
      new StructType()
          .add("path", DataTypes.createArrayType(DataTypes.StringType))
          .add("conversions", DataTypes.LongType)
          .add("non_conversions", DataTypes.LongType);
  private static final StructType COUNTS =
      new StructType()
          .add("from", DataTypes.StringType)
          .add("to", DataTypes.StringType)
          .add("count", DataTypes.LongType);

  @Test
  void removalEffectsOfTheHandExample() {
    // Paths: [A, B] converted once, [A] not converted once, [B] converted once.
    // Counts: start->A 2, start->B 1, A->B 1, A->null 1, B->conversion 2.
    // Probabilities: start: A 2/3, B 1/3; A: B 1/2, null 1/2; B: conversion 1.
    // x = P(conversion from state): x_B = 1, x_A = 1/2 * x_B = 1/2,
    // x_start = 2/3 * 1/2 + 1/3 * 1 = 2/3.
    // Without A (start->A goes to null): x_start = 1/3 * x_B = 1/3; RE_A = 1 - (1/3)/(2/3) = 1/2.
    // Without B: x_B = 0, so x_A = 0 and x_start = 0; RE_B = 1 - 0 = 1.
    // Shares: 1/2 / (3/2) = 1/3 and 1 / (3/2) = 2/3.
    Fit fit =
        MarkovRemovalEffect.removalEffects(
            List.of(
                new Transition(START, "A", 2),
                new Transition(START, "B", 1),
                new Transition("A", "B", 1),
                new Transition("A", NULL, 1),
                new Transition("B", CONVERSION, 2)));

    assertThat(fit.conversionProbability()).isCloseTo(2d / 3, within(EXACT));
    assertEffects(fit.channels(), new Object[] {"A", 0.5, 1d / 3}, new Object[] {"B", 1d, 2d / 3});
  }

  @Test
  void theLinearSolveHandlesALoop() {
    // Paths: [A, B, A] converted once, [B] not converted once.
    // Counts: start->A 1, start->B 1, A->B 1, B->A 1, A->conversion 1, B->null 1.
    // Probabilities: start: A 1/2, B 1/2; A: B 1/2, conversion 1/2; B: A 1/2, null 1/2.
    // The loop A->B->A: x_A = 1/2 + 1/2 x_B, x_B = 1/2 x_A, so x_A = 1/2 + 1/4 x_A,
    // x_A = 2/3, x_B = 1/3, x_start = 1/2 * 2/3 + 1/2 * 1/3 = 1/2.
    // Without A: x_B = 0 (its only way on is A), x_start = 0; RE_A = 1.
    // Without B: x_A = 1/2, x_start = 1/2 * 1/2 = 1/4; RE_B = 1 - (1/4)/(1/2) = 1/2.
    // Shares: 1 / (3/2) = 2/3 and 1/2 / (3/2) = 1/3.
    Fit fit =
        MarkovRemovalEffect.removalEffects(
            List.of(
                new Transition(START, "A", 1),
                new Transition(START, "B", 1),
                new Transition("A", "B", 1),
                new Transition("B", "A", 1),
                new Transition("A", CONVERSION, 1),
                new Transition("B", NULL, 1)));

    assertThat(fit.conversionProbability()).isCloseTo(0.5, within(EXACT));
    assertEffects(fit.channels(), new Object[] {"A", 1d, 2d / 3}, new Object[] {"B", 0.5, 1d / 3});
  }

  @Test
  void noConversionGivesZeroEffectsAndNullShares() {
    Fit fit =
        MarkovRemovalEffect.removalEffects(
            List.of(new Transition(START, "A", 3), new Transition("A", NULL, 3)));

    assertThat(fit.conversionProbability()).isZero();
    assertThat(fit.channels()).containsExactly(new ChannelEffect("A", 0, null));
  }

  @Test
  void aChannelWithoutOutgoingTransitionsIsRejected() {
    assertThatThrownBy(
            () -> MarkovRemovalEffect.removalEffects(List.of(new Transition(START, "A", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A");
  }

  @Test
  void transitionCountsOfATinyDataset() {
    // [A, B] 1/0: start->A 1, A->B 1, B->conversion 1 (B->null weighs 0: no row).
    // [A] 0/1: start->A 1, A->null 1.
    // [B] 1/0: start->B 1, B->conversion 1.
    // [A, B, A] 2/3: start->A 5, A->B 5, B->A 5, A->conversion 2, A->null 3.
    // [] 4/4: no rows.
    // Sums: start->A 7, start->B 1, A->B 6, B->A 5, A->null 4, A->conversion 2,
    // B->conversion 2.
    Dataset<Row> paths =
        rows(PATHS,
            new Object[] {List.of("A", "B").toArray(), 1L, 0L},
            new Object[] {List.of("A").toArray(), 0L, 1L},
            new Object[] {List.of("B").toArray(), 1L, 0L},
            new Object[] {List.of("A", "B", "A").toArray(), 2L, 3L},
            new Object[] {new String[0], 4L, 4L});

    Dataset<Row> counts = MarkovRemovalEffect.transitionCounts(paths);

    assertSameRows(
        rows(COUNTS,
            new Object[] {START, "A", 7L},
            new Object[] {START, "B", 1L},
            new Object[] {"A", "B", 6L},
            new Object[] {"B", "A", 5L},
            new Object[] {"A", NULL, 4L},
            new Object[] {"A", CONVERSION, 2L},
            new Object[] {"B", CONVERSION, 2L}),
        counts);
  }

  @Test
  void sparkCountsFeedTheExactSolve() {
    // The hand example's paths through Spark give the hand example's numbers.
    Dataset<Row> paths =
        rows(PATHS,
            new Object[] {List.of("A", "B").toArray(), 1L, 0L},
            new Object[] {List.of("A").toArray(), 0L, 1L},
            new Object[] {List.of("B").toArray(), 1L, 0L});

    Fit fit =
        MarkovRemovalEffect.removalEffects(
            MarkovRemovalEffect.collectTransitions(MarkovRemovalEffect.transitionCounts(paths)));

    assertThat(fit.conversionProbability()).isCloseTo(2d / 3, within(EXACT));
    assertEffects(fit.channels(), new Object[] {"A", 0.5, 1d / 3}, new Object[] {"B", 1d, 2d / 3});
  }

  /** Each expected entry: channel, removal effect, share; in channel order, to 1e-12. */
  private static void assertEffects(List<ChannelEffect> actual, Object[]... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int k = 0; k < expected.length; k++) {
      ChannelEffect effect = actual.get(k);
      assertThat(effect.channel()).isEqualTo(expected[k][0]);
      assertThat(effect.removalEffect()).isCloseTo((Double) expected[k][1], within(EXACT));
      assertThat(effect.share()).isCloseTo((Double) expected[k][2], within(EXACT));
    }
  }
}
