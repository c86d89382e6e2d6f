package org.journeywarehouse.cli;

/**
 * The spark-submit entry point: {@code spark-submit --class org.journeywarehouse.cli.JobRunner
 * journey-jobs-<version>-shaded.jar <job> --date YYYY-MM-DD [--env NAME] [--conf k=v]}. Same
 * options as {@code journey run}; {@code all} as the job runs every job in catalog order.
 */
public final class JobRunner {
  private JobRunner() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  static int execute(String... args) {
    boolean all = args.length > 0 && args[0].equals("all");
    String[] command = new String[args.length + (all ? 0 : 1)];
    if (all) {
      command[0] = "run-all";
      System.arraycopy(args, 1, command, 1, args.length - 1);
    } else {
      command[0] = "run";
      System.arraycopy(args, 0, command, 1, args.length);
    }
    return Journey.execute(command);
  }
}
