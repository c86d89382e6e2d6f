package org.journeywarehouse.generate;

import java.util.SplittableRandom;

/**
 * Places orders and delivers their versions into {@code orders}: the first version shortly after
 * creation, rarely a newer version in the same day file, and for about 5% a re-delivery one to five
 * days later with the change {@link OrderLifecycle} draws.
 */
final class OrderSimulator {
  static final double REDELIVERY_RATE = 0.05;
  static final double SAME_DAY_REVISION_RATE = 0.005;
  private static final long MINUTE = 60_000;

  /** What later simulation needs to know about an order; {@code troubleAt} is 0 if none. */
  record OrderFact(String orderId, long createdAt, boolean web, boolean counted, long troubleAt) {}

  /** The fixed facts of an order, shared by all its versions. */
  private record Draft(
      String orderId,
      long createdAt,
      String customerId,
      String sourceName,
      String cookie,
      long euroCents,
      long totalCents,
      String currency,
      OffsetStyle offset,
      String email,
      String phone) {}

  /** A later version that made it into the window. */
  private record Redelivery(OrderLifecycle.OrderState state, long at, boolean observable) {}

  private final SimulationContext context;

  OrderSimulator(SimulationContext context) {
    this.context = context;
  }

  /**
   * The order of a session that ended in a purchase, created seconds before the purchase event;
   * without a login in that session it is a guest checkout (no {@code customer_id}).
   */
  OrderFact placeWeb(
      Person person,
      PersonState state,
      SessionSimulator.Result session,
      SplittableRandom random,
      PersonOutput output) {
    long createdAt = session.purchaseAt() - Draws.between(random, 2000, 20_000);
    Draft draft =
        draft(
            person,
            state,
            session.orderId(),
            createdAt,
            session.customerId(),
            "web",
            session.cookie(),
            random);
    return place(person, draft, random, output);
  }

  /** A point-of-sale or marketplace order: no web session, no cookie. */
  OrderFact placeOffline(
      Person person,
      PersonState state,
      String sourceName,
      long createdAt,
      SplittableRandom random,
      PersonOutput output) {
    boolean loyaltyCard =
        sourceName.equals("pos") && state.hasAccount() && Draws.chance(random, 0.6);
    String customerId = loyaltyCard ? person.customerId() : null;
    return place(
        person,
        draft(
            person, state, context.nextOrderId(), createdAt, customerId, sourceName, null, random),
        random,
        output);
  }

  private OrderFact place(
      Person person, Draft draft, SplittableRandom random, PersonOutput output) {
    OrderLifecycle.OrderState state =
        OrderLifecycle.initial(draft.totalCents(), draft.createdAt(), random);
    // Payment problems and refunds take a while to show in the first export.
    long firstUpdate =
        draft.createdAt()
            + (state.status().equals("paid")
                ? Draws.between(random, 1000, 10 * MINUTE)
                : Draws.between(random, 10 * MINUTE, 360 * MINUTE));
    LandingDelivery.Outcome first = deliver(draft, state, firstUpdate, output, false);
    boolean observed = first.observable();
    state = reviseSameDay(draft, state, first, firstUpdate, random, output);
    long troubleAt = state.troubled() ? firstUpdate : 0;
    Redelivery redelivery = redeliver(draft, state, firstUpdate, random, output);
    if (redelivery != null) {
      troubleAt = troubleAt == 0 && redelivery.state().troubled() ? redelivery.at() : troubleAt;
      state = redelivery.state();
      observed |= redelivery.observable();
    }
    if (observed) {
      recordTruth(person, draft, state, output.trace());
    }
    return new OrderFact(
        draft.orderId(),
        draft.createdAt(),
        draft.sourceName().equals("web"),
        state.counted(),
        troubleAt);
  }

  /**
   * Rarely, a newer version in the same day file (counted as a duplicate of that day), delivered
   * only after a clean first line. The draws happen whatever the outcome, so dirt never shifts what
   * is simulated next. Returns the order's state afterwards.
   */
  private static OrderLifecycle.OrderState reviseSameDay(
      Draft draft,
      OrderLifecycle.OrderState state,
      LandingDelivery.Outcome first,
      long firstUpdate,
      SplittableRandom random,
      PersonOutput output) {
    boolean revise = Draws.chance(random, SAME_DAY_REVISION_RATE);
    long revisedAt = DeliveryTimes.laterSameDay(firstUpdate, random);
    if (!revise || revisedAt == firstUpdate) {
      return state;
    }
    OrderLifecycle.OrderState revised = OrderLifecycle.revisedSameDay(state);
    if (first == LandingDelivery.Outcome.CLEAN) {
      deliver(draft, revised, revisedAt, output, true);
    }
    return revised;
  }

  /** The version delivered days later, or null when there is none inside the window. */
  private static Redelivery redeliver(
      Draft draft,
      OrderLifecycle.OrderState state,
      long firstUpdate,
      SplittableRandom random,
      PersonOutput output) {
    if (!OrderLifecycle.canChange(state) || !Draws.chance(random, REDELIVERY_RATE)) {
      return null;
    }
    long at = DeliveryTimes.onLaterDay(firstUpdate, 1, 5, random);
    OrderLifecycle.OrderState next = OrderLifecycle.later(state, draft.totalCents(), at, random);
    LandingDelivery.Outcome outcome = deliver(draft, next, at, output, false);
    return outcome == LandingDelivery.Outcome.DROPPED
        ? null
        : new Redelivery(next, at, outcome.observable());
  }

  private Draft draft(
      Person person,
      PersonState state,
      String orderId,
      long createdAt,
      String customerId,
      String sourceName,
      String cookie,
      SplittableRandom random) {
    long euroCents = priceInEuroCents(person.segment(), random);
    int day =
        Math.max(0, Math.min(context.window().days() - 1, context.window().dayIndex(createdAt)));
    long totalCents = context.fxRates().fromEuroCents(euroCents, person.currency(), day);
    return new Draft(
        orderId,
        createdAt,
        customerId,
        sourceName,
        cookie,
        euroCents,
        totalCents,
        person.currency(),
        OffsetStyle.pick(random),
        state.spelledEmail(random),
        state.spelledPhone(0.5, random));
  }

  private static LandingDelivery.Outcome deliver(
      Draft draft,
      OrderLifecycle.OrderState state,
      long updatedAt,
      PersonOutput output,
      boolean sameDayRevision) {
    JsonRecord record =
        new JsonRecord()
            .put("order_id", draft.orderId())
            .put("updated_at", new JsonRecord.Timestamp(updatedAt, draft.offset()))
            .put("created_at", new JsonRecord.Timestamp(draft.createdAt(), draft.offset()))
            .put("customer_id", draft.customerId())
            .put("email", draft.email())
            .put("phone", draft.phone())
            .put("total_price", moneyText(draft.totalCents()))
            .put("currency", draft.currency())
            .put("financial_status", state.status())
            .put(
                "refunded_amount",
                state.refundedCents() > 0 ? moneyText(state.refundedCents()) : null)
            .put(
                "cancelled_at",
                state.cancelledAt() > 0
                    ? new JsonRecord.Timestamp(state.cancelledAt(), draft.offset())
                    : null)
            .put("source_name", draft.sourceName())
            .put("anonymous_id", draft.cookie());
    return sameDayRevision
        ? output.deliverRevision(LandingSource.ORDERS, record, updatedAt)
        : output.deliver(LandingSource.ORDERS, record, updatedAt);
  }

  private static void recordTruth(
      Person person, Draft draft, OrderLifecycle.OrderState state, PersonTrace trace) {
    trace.record(LandingSource.ORDERS.folder(), draft.orderId());
    trace.identify("customer_id", draft.customerId());
    trace.identify("anonymous_id", draft.cookie());
    trace.identifyEmail(draft.email());
    trace.identifyPhone(draft.phone(), person.phone());
    if (state.counted()) {
      long keptCents = draft.totalCents() - state.refundedCents();
      trace.addCountedRevenue(draft.euroCents() * keptCents / Math.max(1, draft.totalCents()));
    }
  }

  /** Log-normal around the segment's median, in whole euros less 10 cents now and then. */
  private static long priceInEuroCents(Segment segment, SplittableRandom random) {
    long euros = Math.max(5, Math.round(Draws.logNormal(random, segment.medianOrderEuros(), 0.55)));
    return euros * 100 - (Draws.chance(random, 0.6) ? 10 : 0);
  }

  /** "59.90": the decimal string landing files carry. */
  static String moneyText(long cents) {
    long remainder = cents % 100;
    return cents / 100 + (remainder < 10 ? ".0" : ".") + remainder;
  }
}
