package org.journeywarehouse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * When a support ticket gets its first reply, is solved, closed and rated, so any version of it can
 * be rendered as of its {@code updated_at}. Instants are 0 when the step never happens.
 */
record TicketTimeline(
    long createdAt,
    long firstReplyAt,
    long solvedAt,
    long ratedAt,
    String rating,
    String workingStatus) {
  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;
  private static final long CLOSE_AFTER = 4 * DAY;
  private static final long SURVEY_AFTER = DAY;

  /** Draws the steps; tickets about troubled orders are rated bad more often. */
  static TicketTimeline draw(long createdAt, boolean troubled, SplittableRandom random) {
    long firstReplyAt =
        Draws.chance(random, 0.92)
            ? createdAt + Math.min(72 * HOUR, (long) Draws.logNormal(random, 3 * HOUR, 1.0))
            : 0;
    long solvedAt =
        firstReplyAt > 0 && Draws.chance(random, 0.9)
            ? firstReplyAt + Math.min(10 * DAY, (long) Draws.logNormal(random, 20 * HOUR, 1.0))
            : 0;
    long ratedAt =
        solvedAt > 0 && Draws.chance(random, 0.45)
            ? solvedAt + SURVEY_AFTER + Draws.between(random, HOUR, 48 * HOUR)
            : 0;
    String rating = Draws.chance(random, troubled ? 0.5 : 0.8) ? "good" : "bad";
    String working =
        List.of("open", "open", "open", "pending", "pending", "hold").get(random.nextInt(6));
    return new TicketTimeline(createdAt, firstReplyAt, solvedAt, ratedAt, rating, working);
  }

  String statusAt(long at) {
    if (firstReplyAt == 0 || at < firstReplyAt) {
      return "new";
    }
    if (solvedAt == 0 || at < solvedAt) {
      return workingStatus;
    }
    return at < solvedAt + CLOSE_AFTER ? "solved" : "closed";
  }

  /** The step's instant if it has happened by {@code at}, else 0. */
  long seenBy(long step, long at) {
    return step > 0 && step <= at ? step : 0;
  }

  /** unoffered until a day after solving, then offered, then the customer's rating. */
  String satisfactionAt(long at) {
    if (ratedAt > 0 && at >= ratedAt) {
      return rating;
    }
    return solvedAt > 0 && at >= solvedAt + SURVEY_AFTER ? "offered" : "unoffered";
  }

  /** The satisfaction as it finally stands. */
  String finalSatisfaction() {
    return ratedAt > 0 ? rating : solvedAt > 0 ? "offered" : "unoffered";
  }
}
