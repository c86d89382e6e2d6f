package org.journeywarehouse.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.journeywarehouse.generate.GenerationSummary;
import org.journeywarehouse.generate.GeneratorOptions;
import org.journeywarehouse.generate.SampleDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: deterministic synthetic landing data with ground truth beside it. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write synthetic landing data (five sources, _SUCCESS markers, planted dirt) and its ground truth (_ground_truth/) into a folder. The same seed gives the same bytes.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "1.0", description = "People as a multiple of 100,000 (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(names = "--days", defaultValue = "90", description = "Number of landing days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", required = true, paramLabel = "YYYY-MM-DD", description = "First landing day.")
  LocalDate start;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Landing folder to write into.")
  Path out;

  @Option(
      names = "--dirt-rate",
      defaultValue = "0.02",
      description = "Share of lines with one planted defect (default: ${DEFAULT-VALUE}).")
  double dirtRate;

  @Override
  public Integer call() throws IOException {
    Console console = Console.standard();
    GenerationSummary summary =
        SampleDataGenerator.generate(
            new GeneratorOptions(scale, days, start, seed, out, dirtRate), console::progress);
    System.out.printf(
        "generated %,d people, %,d sessions, %,d orders into %s%n",
        summary.people(), summary.sessions(), summary.orders(), out);
    summary.linesBySource().forEach((source, lines) -> System.out.printf("  %-18s %,12d lines%n", source, lines));
    return 0;
  }
}
