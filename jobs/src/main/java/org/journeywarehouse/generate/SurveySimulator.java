package org.journeywarehouse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects survey answers into {@code survey_responses}: NPS some days after an order or out of the
 * blue, CSAT after a solved ticket. Loyal buyers skew to promoters (9-10), people whose order went
 * wrong to detractors.
 */
final class SurveySimulator {
  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;
  private static final double[] NPS_LOYAL = {1, 1, 1, 1, 1, 2, 3, 8, 15, 30, 37};
  private static final double[] NPS_USUAL = {2, 2, 2, 3, 4, 6, 8, 15, 20, 19, 19};
  private static final double[] NPS_TROUBLED = {8, 8, 9, 10, 10, 12, 12, 10, 8, 7, 6};
  private static final List<String> PRAISE =
      List.of("Fast delivery, great quality", "Love the jacket", "Easy returns", "Will buy again");
  private static final List<String> NEUTRAL =
      List.of("Okay overall", "Shipping took a while", "Sizes run small");
  private static final List<String> COMPLAINTS =
      List.of("Refund took too long", "Item arrived damaged", "Support was slow to answer");

  private final SimulationContext context;

  SurveySimulator(SimulationContext context) {
    this.context = context;
  }

  /** A survey answer before it is given an id and identities. */
  private record Answer(long createdAt, String surveyType, int score, String orderId) {}

  void respond(
      Person person,
      PersonState state,
      List<OrderSimulator.OrderFact> orders,
      List<TicketSimulator.TicketFact> tickets,
      SplittableRandom random,
      PersonOutput output) {
    List<Answer> answers = new ArrayList<>();
    double[] usualScores = person.segment() == Segment.LOYAL_BUYER ? NPS_LOYAL : NPS_USUAL;
    for (OrderSimulator.OrderFact order : orders) {
      boolean troubled = order.troubleAt() > 0;
      if (order.web() && (order.counted() || troubled) && Draws.chance(random, 0.15)) {
        long at = order.createdAt() + Draws.between(random, 3 * DAY, 10 * DAY);
        int score = Draws.pickWeighted(random, troubled ? NPS_TROUBLED : usualScores);
        answers.add(new Answer(at, "nps", score, order.orderId()));
      }
    }
    for (TicketSimulator.TicketFact ticket : tickets) {
      if (ticket.solvedAt() > 0 && Draws.chance(random, 0.35)) {
        long at = ticket.solvedAt() + Draws.between(random, DAY, 3 * DAY);
        int score = csatScore(ticket.satisfaction(), random);
        answers.add(new Answer(at, "csat", score, ticket.orderId()));
      }
    }
    if (person.segment().hasAccount() && Draws.chance(random, 0.04)) {
      long at = Draws.between(random, person.activeFrom(), context.window().endMillis());
      answers.add(new Answer(at, "nps", Draws.pickWeighted(random, usualScores), null));
    }
    for (Answer answer : answers) {
      deliver(person, state, answer, random, output);
    }
  }

  private void deliver(
      Person person,
      PersonState state,
      Answer answer,
      SplittableRandom random,
      PersonOutput output) {
    if (answer.createdAt() >= context.window().endMillis()) {
      return;
    }
    String responseId = context.nextResponseId();
    String customerId =
        state.hasAccount() && Draws.chance(random, 0.7) ? person.customerId() : null;
    // Never both missing: a response must name its respondent somehow.
    String email =
        customerId == null || Draws.chance(random, 0.75) ? state.spelledEmail(random) : null;
    String comment =
        Draws.chance(random, 0.35) ? comment(answer.surveyType(), answer.score(), random) : null;
    JsonRecord record =
        new JsonRecord()
            .put("response_id", responseId)
            .put(
                "created_at",
                new JsonRecord.Timestamp(answer.createdAt(), OffsetStyle.pick(random)))
            .put("survey_type", answer.surveyType())
            .put("score", answer.score())
            .put("email", email)
            .put("customer_id", customerId)
            .put("order_id", answer.orderId())
            .put("comment", comment);
    if (output.deliver(LandingSource.SURVEY_RESPONSES, record, answer.createdAt()).observable()) {
      PersonTrace trace = output.trace();
      trace.record(LandingSource.SURVEY_RESPONSES.folder(), responseId);
      trace.identifyEmail(email);
      trace.identify("customer_id", customerId);
    }
  }

  /** 1-5: good ratings give 4-5, bad ones 1-2, no rating anything from 2 to 5. */
  private static int csatScore(String satisfaction, SplittableRandom random) {
    return switch (satisfaction) {
      case "good" -> 4 + random.nextInt(2);
      case "bad" -> 1 + random.nextInt(2);
      default -> 2 + random.nextInt(4);
    };
  }

  private static String comment(String surveyType, int score, SplittableRandom random) {
    int outOfTen = surveyType.equals("csat") ? score * 2 : score;
    List<String> comments = outOfTen >= 9 ? PRAISE : outOfTen >= 7 ? NEUTRAL : COMPLAINTS;
    return Draws.pick(random, comments);
  }
}
