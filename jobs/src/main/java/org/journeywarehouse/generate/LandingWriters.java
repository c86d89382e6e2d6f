package org.journeywarehouse.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The open day files of one pass: one gzip writer per (source, landing day) for a range of days,
 * each counting its physical lines. {@link #finish()} closes them and marks every day folder
 * complete with {@code manifest.json} and then {@code _SUCCESS}, also when it is empty.
 */
final class LandingWriters implements Closeable {
  static final String DATA_FILE = "part-00000.jsonl.gz";
  private static final int BUFFER_BYTES = 1 << 15;

  private final Path out;
  private final LandingWindow window;
  private final int firstDay;
  private final Writer[][] writers;
  private final long[][] lines;
  private final long[] linesBySource = new long[LandingSource.values().length];

  /** Opens the files of days {@code firstDay .. firstDay + dayCount - 1} of every source. */
  LandingWriters(Path out, LandingWindow window, int firstDay, int dayCount) throws IOException {
    this.out = out;
    this.window = window;
    this.firstDay = firstDay;
    this.writers = new Writer[LandingSource.values().length][dayCount];
    this.lines = new long[LandingSource.values().length][dayCount];
    for (LandingSource source : LandingSource.values()) {
      for (int offset = 0; offset < dayCount; offset++) {
        writers[source.ordinal()][offset] = open(dayFolder(source, firstDay + offset));
      }
    }
  }

  /** Whether this pass writes the given day; records of other days are simulated but skipped. */
  boolean isOpen(int day) {
    return day >= firstDay && day < firstDay + writers[0].length;
  }

  /** Appends one physical line; {@code line} must not contain line breaks. */
  void write(LandingSource source, int day, String line) throws IOException {
    Writer writer = writers[source.ordinal()][day - firstDay];
    writer.write(line);
    writer.write('\n');
    lines[source.ordinal()][day - firstDay]++;
    linesBySource[source.ordinal()]++;
  }

  long linesOf(LandingSource source) {
    return linesBySource[source.ordinal()];
  }

  /** Closes every file, then writes each folder's manifest and finally its marker. */
  void finish() throws IOException {
    for (LandingSource source : LandingSource.values()) {
      for (int offset = 0; offset < writers[0].length; offset++) {
        writers[source.ordinal()][offset].close();
        Path folder = dayFolder(source, firstDay + offset);
        long count = lines[source.ordinal()][offset];
        Files.writeString(folder.resolve("manifest.json"), manifest(count) + "\n");
        Files.write(folder.resolve("_SUCCESS"), new byte[0]);
      }
    }
  }

  /** Closes whatever is still open, e.g. after a failure; no marker is written then. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Writer[] days : writers) {
      for (Writer writer : days) {
        try {
          writer.close();
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  static String manifest(long lineCount) {
    return "{\"files\":[{\"name\":\""
        + DATA_FILE
        + "\",\"lines\":"
        + lineCount
        + "}],\"lines\":"
        + lineCount
        + "}";
  }

  private Path dayFolder(LandingSource source, int day) {
    return out.resolve(source.folder()).resolve(window.date(day).toString());
  }

  private static Writer open(Path folder) throws IOException {
    Files.createDirectories(folder);
    // A stale marker from an earlier run must not mark this day complete before we finish.
    Files.deleteIfExists(folder.resolve("_SUCCESS"));
    OutputStream file = Files.newOutputStream(folder.resolve(DATA_FILE));
    return new BufferedWriter(
        new OutputStreamWriter(new FastGzipOutputStream(file), StandardCharsets.UTF_8),
        BUFFER_BYTES);
  }

  /** Gzip at the fastest level: landing files are rewritten often and read once. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, BUFFER_BYTES);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
