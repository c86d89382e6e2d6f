package org.journeywarehouse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes deterministic synthetic landing data for {@code journey generate}: the five sources
 * of DESIGN.md "Landing formats" with planted identities, channel effects, loyal buyers and
 * dirt, plus ground truth in {@code <out>/_ground_truth/} to check the pipeline against.
 *
 * <p>It streams: people are simulated one at a time, each from a generator derived from the
 * seed and the person's index, and their lines go straight into one open gzip file per
 * (source, landing day). Runs longer than {@value #DAYS_PER_PASS} days take several passes,
 * each writing a range of days, to bound the number of open files; every pass replays the
 * same simulation, so the output does not depend on the number of passes.
 */
public final class SampleDataGenerator {
  static final int DAYS_PER_PASS = 100;
  private static final long DELIVERY_SALT = 0x64656c6976657279L;

  private SampleDataGenerator() {}

  /**
   * Generates the landing data and ground truth of {@code options}.
   *
   * @param progress receives a short line about every 10% of people; no personal data
   */
  public static GenerationSummary generate(GeneratorOptions options, Consumer<String> progress)
      throws IOException {
    return generate(options, progress, DAYS_PER_PASS);
  }

  /** As {@link #generate(GeneratorOptions, Consumer)} with a given pass length, for tests. */
  static GenerationSummary generate(
      GeneratorOptions options, Consumer<String> progress, int daysPerPass) throws IOException {
    Consumer<String> report = Objects.requireNonNullElse(progress, line -> {});
    LandingWindow window = new LandingWindow(options.start(), options.days());
    DeliveryLedger ledger = new DeliveryLedger(window);
    Map<String, Long> lines = new TreeMap<>();
    int passes = (options.days() + daysPerPass - 1) / daysPerPass;
    GroundTruth groundTruth = new GroundTruth(options.out());
    try (groundTruth) {
      for (int pass = 0; pass < passes; pass++) {
        int firstDay = pass * daysPerPass;
        int dayCount = Math.min(daysPerPass, options.days() - firstDay);
        try (LandingWriters writers =
            new LandingWriters(options.out(), window, firstDay, dayCount)) {
          writePass(options, window, writers, ledger, pass == 0 ? groundTruth : null,
              passLabel(pass, passes), report);
          for (LandingSource source : LandingSource.values()) {
            lines.merge(source.folder(), writers.linesOf(source), Long::sum);
          }
        }
      }
      checkLedger(window, ledger, lines);
      groundTruth.finish(options, ledger, lines);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new GenerationSummary(options.people(), groundTruth.sessions(), groundTruth.orders(),
        lines, groundTruth.folder());
  }

  /** Replays the whole simulation, writing the days {@code writers} own, then marks them. */
  private static void writePass(
      GeneratorOptions options, LandingWindow window, LandingWriters writers,
      DeliveryLedger ledger, GroundTruth groundTruth, String passLabel, Consumer<String> report)
      throws IOException {
    LandingDelivery delivery = new LandingDelivery(window, writers, ledger, options.dirtRate());
    FxRates fxRates = new FxRates(options.seed(), options.days());
    fxRates.deliver(window, writers, delivery);
    simulatePeople(options, new SimulationContext(window, fxRates, delivery), groundTruth,
        passLabel, report);
    writers.finish();
  }

  /** Simulates everyone in index order; only the first pass feeds ground truth. */
  private static void simulatePeople(
      GeneratorOptions options, SimulationContext context, GroundTruth groundTruth,
      String passLabel, Consumer<String> report) throws IOException {
    int people = options.people();
    PersonFactory factory = new PersonFactory(context.window(), people);
    PersonSimulator simulator = new PersonSimulator(context);
    int nextReport = 1;
    for (int index = 0; index < people; index++) {
      SplittableRandom random = Draws.forPerson(options.seed(), index);
      SplittableRandom deliveryRandom =
          Draws.forPerson(options.seed() ^ DELIVERY_SALT, index);
      Person person = factory.create(index, random);
      PersonTrace trace = new PersonTrace();
      simulator.simulate(person, random, new PersonOutput(context.delivery(), deliveryRandom,
          trace));
      if (groundTruth != null) {
        groundTruth.add(person, trace);
      }
      while (nextReport <= 10 && (long) (index + 1) * 10 >= (long) nextReport * people) {
        report.accept("generate: %s%d%% (%d/%d people)"
            .formatted(passLabel, nextReport * 10, index + 1, people));
        nextReport++;
      }
    }
  }

  private static String passLabel(int pass, int passes) {
    return passes == 1 ? "" : "pass %d/%d, ".formatted(pass + 1, passes);
  }

  /** The ledger must account for every line written; a mismatch is a generator bug. */
  private static void checkLedger(
      LandingWindow window, DeliveryLedger ledger, Map<String, Long> lines) {
    for (LandingSource source : LandingSource.values()) {
      long counted = 0;
      for (int day = 0; day < window.days(); day++) {
        counted += ledger.lines(source, day);
      }
      if (counted != lines.get(source.folder())) {
        throw new IllegalStateException("ground truth counts %d lines of %s but %d were written"
            .formatted(counted, source.folder(), lines.get(source.folder())));
      }
    }
  }
}
