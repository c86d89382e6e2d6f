package org.journeywarehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/journey}: the local command line over every job and the warehouse. */
@Command(
    name = "journey",
    mixinStandardHelpOptions = true,
    versionProvider = Journey.Version.class,
    description =
        "journey-warehouse: Spark batch jobs that turn an online store's raw data into customer-journey tables. Run 'journey <command> --help' for a command's options.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      RunCommand.class,
      RunAllCommand.class,
      BackfillCommand.class,
      RebuildIdentityCommand.class,
      ListJobsCommand.class,
      SqlCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Journey implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit status (0 ok, 1 failed, 2 bad usage or config). */
  public static int execute(String... args) {
    return Failures.configure(new CommandLine(new Journey())).execute(args);
  }

  /** Same, with picocli's help and error output going to the given writers (for tests). */
  static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine commandLine = Failures.configure(new CommandLine(new Journey()));
    return commandLine.setOut(out).setErr(err).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The version stamped in the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Journey.class.getPackage().getImplementationVersion();
      return new String[] {"journey-warehouse " + (version == null ? "(development build)" : version)};
    }
  }
}
