package org.journeywarehouse.marts.voice;

import java.util.List;
import org.journeywarehouse.catalog.TableDefinition;
import org.journeywarehouse.job.JobContext;
import org.journeywarehouse.job.JobFailedException;

/**
 * One quality gate of a voice mart, as computed before the write: its check name (as in {@code
 * journey_ops.quality_results}), whether it held, and what was counted.
 */
public record Gate(String check, boolean passed, String observed) {

  /** A gate over mismatch counts: passes when every mismatch count is 0. */
  public static Gate ofMismatches(String check, long groups, long mismatches, String extra) {
    String observed = "groups=%d mismatches=%d".formatted(groups, mismatches);
    return new Gate(check, mismatches == 0, extra.isEmpty() ? observed : observed + " " + extra);
  }

  /**
   * Records every gate (passed or not) and fails with one line, before anything is written, when
   * any did not hold.
   */
  static void enforce(
      JobContext context, String job, TableDefinition table, List<Gate> gates, Object slice) {
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
              .formatted(job, slice, String.join(", ", failed)));
    }
  }
}
