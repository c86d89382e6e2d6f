package org.journeywarehouse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes deterministic synthetic landing data for {@code journey generate}: the five sources of
 * DESIGN.md "Landing formats" with planted identities, channel effects, loyal buyers and dirt, plus
 * ground truth in {@code <out>/_ground_truth/} to check the pipeline against.
 *
 * <p>It streams: people are simulated one at a time, each from a generator derived from the seed
 * and the person's index, and their lines go straight into one open gzip file per (source, landing
 * day). Runs longer than {@value #DAYS_PER_PASS} days take several passes, each writing a range of
 * days, to bound the number of open files; every pass replays the same simulation, so the output
 * does not depend on the number of passes.
 */
public final class SampleDataGenerator {
  static final int DAYS_PER_PASS = 100;
  private static final long DELIVERY_SALT = 0x64656c6976657279L;

  /** What every pass of one run shares. */
  private record Run(
      GeneratorOptions options,
      LandingWindow window,
      DeliveryLedger ledger,
      GroundTruth groundTruth,
      Map<String, Long> linesBySource,
      Consumer<String> report) {}

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
    LandingWindow window = new LandingWindow(options.start(), options.days());
    Map<String, Long> lines = new TreeMap<>();
    GroundTruth groundTruth = new GroundTruth(options.out());
    try (groundTruth) {
      Run run =
          new Run(
              options,
              window,
              new DeliveryLedger(window),
              groundTruth,
              lines,
              Objects.requireNonNullElse(progress, line -> {}));
      int passes = (options.days() + daysPerPass - 1) / daysPerPass;
      for (int pass = 0; pass < passes; pass++) {
        int firstDay = pass * daysPerPass;
        writePass(
            run,
            firstDay,
            Math.min(daysPerPass, options.days() - firstDay),
            passes == 1 ? "" : "pass %d/%d, ".formatted(pass + 1, passes));
      }
      checkLedger(run);
      groundTruth.finish(options, run.ledger(), lines);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new GenerationSummary(
        options.people(),
        groundTruth.sessions(),
        groundTruth.orders(),
        lines,
        groundTruth.folder());
  }

  /** Replays the whole simulation, writing only days {@code firstDay..}, then marks them. */
  private static void writePass(Run run, int firstDay, int dayCount, String passLabel)
      throws IOException {
    GeneratorOptions options = run.options();
    try (LandingWriters writers =
        new LandingWriters(options.out(), run.window(), firstDay, dayCount)) {
      LandingDelivery delivery =
          new LandingDelivery(run.window(), writers, run.ledger(), options.dirtRate());
      FxRates fxRates = new FxRates(options.seed(), options.days());
      fxRates.deliver(run.window(), writers, delivery);
      // Ground truth is complete after one pass: every pass simulates the same people.
      simulatePeople(
          run, new SimulationContext(run.window(), fxRates, delivery), firstDay == 0, passLabel);
      writers.finish();
      for (LandingSource source : LandingSource.values()) {
        run.linesBySource().merge(source.folder(), writers.linesOf(source), Long::sum);
      }
    }
  }

  /** Simulates everyone in index order, reporting progress every tenth of the people. */
  private static void simulatePeople(
      Run run, SimulationContext context, boolean feedGroundTruth, String passLabel)
      throws IOException {
    long seed = run.options().seed();
    int people = run.options().people();
    PersonFactory factory = new PersonFactory(context.window(), people);
    PersonSimulator simulator = new PersonSimulator(context);
    int nextReport = 1;
    for (int index = 0; index < people; index++) {
      SplittableRandom random = Draws.forPerson(seed, index);
      SplittableRandom deliveryRandom = Draws.forPerson(seed ^ DELIVERY_SALT, index);
      Person person = factory.create(index, random);
      PersonTrace trace = new PersonTrace();
      simulator.simulate(
          person, random, new PersonOutput(context.delivery(), deliveryRandom, trace));
      if (feedGroundTruth) {
        run.groundTruth().add(person, trace);
      }
      while (nextReport <= 10 && (long) (index + 1) * 10 >= (long) nextReport * people) {
        run.report()
            .accept(
                "generate: %s%d%% (%d/%d people)"
                    .formatted(passLabel, nextReport * 10, index + 1, people));
        nextReport++;
      }
    }
  }

  /** The ledger must account for every line written; a mismatch is a generator bug. */
  private static void checkLedger(Run run) {
    for (LandingSource source : LandingSource.values()) {
      long counted = 0;
      for (int day = 0; day < run.window().days(); day++) {
        counted += run.ledger().lines(source, day);
      }
      long written = run.linesBySource().get(source.folder());
      if (counted != written) {
        throw new IllegalStateException(
            "ground truth counts %d lines of %s but %d were written"
                .formatted(counted, source.folder(), written));
      }
    }
  }
}
