package org.journeywarehouse.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Results go to stdout; progress, warnings and errors to stderr, one line each. */
final class Console {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintStream err;
  private final Clock clock;

  Console(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  static Console standard() {
    return new Console(System.err, Clock.systemUTC());
  }

  void progress(String line) {
    err.println(LocalTime.now(clock.withZone(ZoneOffset.UTC)).format(TIME) + " " + line);
    err.flush();
  }

  void warn(String line) {
    err.println(line);
    err.flush();
  }
}
