package org.journeywarehouse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.journeywarehouse.config.LoadedSettings;
import org.journeywarehouse.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sql -e QUERY | -f FILE}: analysts' Spark SQL over the persistent catalog. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run Spark SQL against the warehouse catalog (journey_bronze, journey_silver, journey_marts, journey_ops) and print the result. Statements in a file are run in order, split on ';' at line ends; the last one's result is printed.")
final class SqlCommand implements Callable<Integer> {
  @Option(names = {"-e", "--execute"}, paramLabel = "QUERY", description = "The query to run.")
  String query;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of SQL statements.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json (one object per line) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--max-rows",
      defaultValue = "1000",
      description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin EnvironmentOptions environment = new EnvironmentOptions();

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if ((query == null) == (file == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of -e QUERY or -f FILE");
    }
    ResultFormat output;
    try {
      output = ResultFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be table, csv or json");
    }
    List<String> statements = query != null ? List.of(query) : SqlStatements.split(Files.readString(file));
    LoadedSettings loaded = environment.load();
    // Reading needs no PII key, so analysts can query without the secret.
    SparkSession spark = SparkSessions.create("journey-sql", loaded.settings());
    try {
      Dataset<Row> result = null;
      for (String statement : statements) {
        result = spark.sql(statement);
      }
      print(result.limit(maxRows), output);
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** The result is what the analyst asked to see, so it is fetched to the driver, capped. */
  private static void print(Dataset<Row> result, ResultFormat output) {
    if (output == ResultFormat.JSON) {
      result.toJSON().collectAsList().forEach(System.out::println);
      return;
    }
    System.out.print(output.render(result.columns(), result.collectAsList()));
  }
}
