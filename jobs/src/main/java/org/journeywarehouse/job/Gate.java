package org.journeywarehouse.job;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition;

/**
 * One quality gate a job computed before its write: the check's name (as in {@code
 * journey_ops.quality_results}), whether it held, and what was counted (counts, never row
 * contents).
 */
public record Gate(String check, boolean passed, String observed) {

  /** A gate over mismatch counts: passes when no group mismatches. */
  public static Gate ofMismatches(String check, long groups, long mismatches, String extra) {
    String observed = "groups=%d mismatches=%d".formatted(groups, mismatches);
    return new Gate(check, mismatches == 0, extra.isEmpty() ? observed : observed + " " + extra);
  }

  /**
   * Records every gate, passed or not, against {@code table}, then fails with one line naming the
   * gates that did not hold, before anything is written.
   *
   * @param scope what was checked, for the message: "2026-11-03..2026-11-10", "as of 2026-11-10"
   */
  public static void enforce(
      JobContext context, String job, TableDefinition table, List<Gate> gates, String scope) {
    String name = context.tables().qualifiedName(table);
    for (Gate gate : gates) {
      context.quality().record(gate.check(), name, context.to(), gate.passed(), gate.observed());
    }
    List<String> failed =
        gates.stream()
            .filter(g -> !g.passed())
            .map(g -> g.check() + " (" + g.observed() + ")")
            .toList();
    if (!failed.isEmpty()) {
      throw new JobFailedException(
          "%s: quality gate failed for %s: %s; nothing was written"
              .formatted(job, scope, String.join(", ", failed)));
    }
  }
}
