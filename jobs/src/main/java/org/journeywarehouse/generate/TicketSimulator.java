package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Opens support tickets into {@code support_tickets}: often after a refunded or cancelled order,
 * sometimes about shipping, now and then about anything. About 30% are re-delivered on a later day
 * with their status moved on, as incremental exports do.
 */
final class TicketSimulator {
  static final double REDELIVERY_RATE = 0.30;
  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;

  /** What surveys need to know about a ticket. */
  record TicketFact(String ticketId, long solvedAt, String satisfaction, String orderId) {}

  private record Topic(String subject, List<String> tags) {}

  private static final List<Topic> TROUBLE_TOPICS =
      List.of(
          new Topic("Refund request", List.of("refund")),
          new Topic("Refund not received yet", List.of("refund", "billing")),
          new Topic("Please cancel my order", List.of("cancellation")),
          new Topic("Item arrived damaged", List.of("shipping", "damaged", "refund")));
  private static final List<Topic> SHIPPING_TOPICS =
      List.of(
          new Topic("Where is my order?", List.of("shipping", "delivery_status")),
          new Topic("Change delivery address", List.of("shipping", "address_change")));
  private static final List<Topic> GENERAL_TOPICS =
      List.of(
          new Topic("Question about sizing", List.of("product", "sizing")),
          new Topic("Cannot log in to my account", List.of("account", "login")),
          new Topic("Is this jacket waterproof?", List.of("product")));
  private static final String[] CHANNELS = {"email", "chat", "web", "phone"};
  private static final double[] CHANNEL_SHARES = {0.45, 0.25, 0.2, 0.1};

  private final SimulationContext context;

  TicketSimulator(SimulationContext context) {
    this.context = context;
  }

  List<TicketFact> open(
      Person person,
      PersonState state,
      List<OrderSimulator.OrderFact> orders,
      SplittableRandom random,
      PersonOutput output) {
    List<TicketFact> tickets = new ArrayList<>();
    for (OrderSimulator.OrderFact order : orders) {
      if (order.troubleAt() > 0 && Draws.chance(random, 0.35)) {
        long at = order.troubleAt() + Draws.between(random, HOUR, 48 * HOUR);
        open(person, state, at, order, Draws.pick(random, TROUBLE_TOPICS), random, output, tickets);
      } else if (order.counted() && order.web() && Draws.chance(random, 0.025)) {
        long at = order.createdAt() + Draws.between(random, 2 * DAY, 8 * DAY);
        open(
            person, state, at, order, Draws.pick(random, SHIPPING_TOPICS), random, output, tickets);
      }
    }
    if (person.segment().hasAccount() && Draws.chance(random, 0.035)) {
      long at = Draws.between(random, person.activeFrom(), context.window().endMillis());
      open(person, state, at, null, Draws.pick(random, GENERAL_TOPICS), random, output, tickets);
    }
    return tickets;
  }

  private void open(
      Person person,
      PersonState state,
      long createdAt,
      OrderSimulator.OrderFact order,
      Topic topic,
      SplittableRandom random,
      PersonOutput output,
      List<TicketFact> tickets) {
    if (createdAt >= context.window().endMillis()) {
      return;
    }
    String ticketId = context.nextTicketId();
    boolean troubled = order != null && order.troubleAt() > 0;
    TicketTimeline timeline = TicketTimeline.draw(createdAt, troubled, random);
    String orderId = order == null ? null : order.orderId();
    JsonRecord record = fixedFields(person, state, ticketId, topic, orderId, random);
    if (deliverVersions(record, timeline, OffsetStyle.pick(random), random, output)) {
      PersonTrace trace = output.trace();
      trace.record(LandingSource.SUPPORT_TICKETS.folder(), ticketId);
      trace.identifyEmail(record.text("requester_email"));
      trace.identifyPhone(record.text("requester_phone"), person.phone());
      trace.identify("customer_id", record.text("customer_id"));
    }
    tickets.add(
        new TicketFact(ticketId, timeline.solvedAt(), timeline.finalSatisfaction(), orderId));
  }

  /** The fields every version shares; the ones that change over time are placeholders. */
  private static JsonRecord fixedFields(
      Person person,
      PersonState state,
      String ticketId,
      Topic topic,
      String orderId,
      SplittableRandom random) {
    String channel = CHANNELS[Draws.pickWeighted(random, CHANNEL_SHARES)];
    // Callers give a phone number mostly on the phone.
    double phoneShare = channel.equals("phone") ? 0.9 : 0.15;
    boolean signedIn = state.hasAccount() && Draws.chance(random, 0.65);
    return new JsonRecord()
        .put("ticket_id", ticketId)
        .put("updated_at", null)
        .put("created_at", null)
        .put("requester_email", state.spelledEmail(random))
        .put("requester_phone", state.spelledPhone(phoneShare, random))
        .put("customer_id", signedIn ? person.customerId() : null)
        .put("channel", channel)
        .put("subject", topic.subject())
        .put("tags", new JsonRecord.RawJson(JsonText.array(topic.tags())))
        .put("status", null)
        .put("first_reply_at", null)
        .put("solved_at", null)
        .put("satisfaction", null)
        .put("order_id", orderId);
  }

  /**
   * The first version soon after creation, rarely a newer one the same day, and for 30% a
   * re-delivery days later. Returns whether any version was a clean line in the window.
   */
  private static boolean deliverVersions(
      JsonRecord record,
      TicketTimeline timeline,
      OffsetStyle offset,
      SplittableRandom random,
      PersonOutput output) {
    long firstUpdate = timeline.createdAt() + Draws.between(random, 60_000, 3 * HOUR);
    LandingDelivery.Outcome first =
        output.deliver(
            LandingSource.SUPPORT_TICKETS,
            asOf(record, timeline, firstUpdate, offset),
            firstUpdate);
    boolean observed = first.observable();
    // Drawn whatever the outcome, so dirt never shifts what is simulated next.
    boolean revise = Draws.chance(random, OrderSimulator.SAME_DAY_REVISION_RATE);
    long revisedAt = DeliveryTimes.laterSameDay(firstUpdate, random);
    if (revise && first == LandingDelivery.Outcome.CLEAN && revisedAt > firstUpdate) {
      output.deliverRevision(
          LandingSource.SUPPORT_TICKETS, asOf(record, timeline, revisedAt, offset), revisedAt);
    }
    if (Draws.chance(random, REDELIVERY_RATE)) {
      long redeliveredAt = DeliveryTimes.onLaterDay(firstUpdate, 1, 5, random);
      observed |=
          output
              .deliver(
                  LandingSource.SUPPORT_TICKETS,
                  asOf(record, timeline, redeliveredAt, offset),
                  redeliveredAt)
              .observable();
    }
    return observed;
  }

  /** A copy of the ticket as it stood at {@code updatedAt}. */
  private static JsonRecord asOf(
      JsonRecord record, TicketTimeline timeline, long updatedAt, OffsetStyle offset) {
    long firstReply = timeline.seenBy(timeline.firstReplyAt(), updatedAt);
    long solved = timeline.seenBy(timeline.solvedAt(), updatedAt);
    return record
        .copy()
        .put("updated_at", new JsonRecord.Timestamp(updatedAt, offset))
        .put("created_at", new JsonRecord.Timestamp(timeline.createdAt(), offset))
        .put("status", timeline.statusAt(updatedAt))
        .put("first_reply_at", firstReply > 0 ? new JsonRecord.Timestamp(firstReply, offset) : null)
        .put("solved_at", solved > 0 ? new JsonRecord.Timestamp(solved, offset) : null)
        .put("satisfaction", timeline.satisfactionAt(updatedAt));
  }
}
