package org.journeywarehouse.generate;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * The financial life of an order: the status it is created with (mostly paid) and the changes a
 * later version carries (a refund, a capture, an expiry or a cancellation).
 */
final class OrderLifecycle {
  /** Statuses that count as a conversion (DESIGN.md "Stages"), unless cancelled. */
  static final Set<String> COUNTED_STATUSES =
      Set.of("paid", "partially_refunded", "partially_paid");

  private static final String[] STATUSES = {
    "paid",
    "pending",
    "authorized",
    "partially_paid",
    "refunded",
    "partially_refunded",
    "voided",
    "expired"
  };
  private static final double[] STATUS_SHARES = {0.84, 0.05, 0.04, 0.01, 0.015, 0.015, 0.02, 0.015};
  private static final long MINUTE = 60_000;

  /**
   * An order's state at one version.
   *
   * @param refundedCents refunded amount in the order's currency; 0 when nothing was refunded
   * @param cancelledAt cancellation instant, or 0
   */
  record OrderState(String status, long refundedCents, long cancelledAt) {

    /** Whether the order counts as a conversion in this state. */
    boolean counted() {
      return COUNTED_STATUSES.contains(status) && cancelledAt == 0;
    }

    /** Refunded, voided or cancelled: the kind of order that leads to support tickets. */
    boolean troubled() {
      return refundedCents > 0 || cancelledAt > 0 || status.equals("voided");
    }
  }

  private OrderLifecycle() {}

  static OrderState initial(long totalCents, long createdAt, SplittableRandom random) {
    String status = STATUSES[Draws.pickWeighted(random, STATUS_SHARES)];
    return switch (status) {
      case "refunded" ->
          new OrderState(
              status,
              totalCents,
              Draws.chance(random, 0.5)
                  ? createdAt + Draws.between(random, MINUTE, 90 * MINUTE)
                  : 0);
      case "partially_refunded" -> new OrderState(status, partOf(totalCents, random), 0);
      case "voided" ->
          new OrderState(status, 0, createdAt + Draws.between(random, MINUTE, 90 * MINUTE));
      default -> new OrderState(status, 0, 0);
    };
  }

  /** The state some minutes later the same day: a pending payment usually goes through. */
  static OrderState revisedSameDay(OrderState state) {
    return state.status().equals("pending") ? new OrderState("paid", 0, 0) : state;
  }

  /** Whether a later version can still change the status: not once voided, expired or refunded. */
  static boolean canChange(OrderState state) {
    return switch (state.status()) {
      case "voided", "expired", "refunded" -> false;
      default -> true;
    };
  }

  /**
   * The state of a re-delivery days later, always with a new status: a paid order is refunded in
   * part or in full, a pending or authorized one is captured or lapses.
   */
  static OrderState later(OrderState state, long totalCents, long at, SplittableRandom random) {
    boolean likely = Draws.chance(random, 0.7);
    return switch (state.status()) {
      case "paid" ->
          likely
              ? new OrderState("partially_refunded", partOf(totalCents, random), 0)
              : new OrderState("refunded", totalCents, Draws.chance(random, 0.5) ? at : 0);
      case "pending" -> likely ? new OrderState("paid", 0, 0) : new OrderState("expired", 0, 0);
      case "authorized" -> likely ? new OrderState("paid", 0, 0) : new OrderState("voided", 0, at);
      case "partially_refunded" -> new OrderState("refunded", totalCents, 0);
      case "partially_paid" -> new OrderState("paid", 0, 0);
      default -> throw new IllegalArgumentException("status cannot change: " + state.status());
    };
  }

  /** Between 10% and 60% of the total, in whole cents. */
  private static long partOf(long totalCents, SplittableRandom random) {
    return Math.max(1, totalCents * (10 + random.nextInt(51)) / 100);
  }
}
