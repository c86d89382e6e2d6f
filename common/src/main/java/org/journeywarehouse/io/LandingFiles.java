package org.journeywarehouse.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The landing zone: {@code <landing>/<source>/<YYYY-MM-DD>/*.jsonl[.gz]}, complete only once
 * its {@code _SUCCESS} marker is there. Goes through Hadoop's FileSystem so the same code reads
 * a local folder or an object store.
 */
public final class LandingFiles {
  public static final String SUCCESS_MARKER = "_SUCCESS";
  public static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String landingRoot;
  private final Configuration hadoop;

  public LandingFiles(String landingRoot, Configuration hadoop) {
    this.landingRoot = landingRoot.replaceAll("/+$", "");
    this.hadoop = hadoop;
  }

  /** One complete delivery day of a source. */
  public record Day(LocalDate date, List<String> dataFiles, OptionalLong manifestLines) {}

  /**
   * The days of {@code [from, to]}, each checked for its marker before anything is read.
   *
   * @throws IncompleteLandingException naming the first day whose folder or marker is missing
   */
  public List<Day> completeDays(String source, LocalDate from, LocalDate to) {
    List<Day> days = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      days.add(day(source, date));
    }
    return days;
  }

  private Day day(String source, LocalDate date) {
    Path folder = new Path(landingRoot + "/" + source + "/" + date);
    try {
      FileSystem fs = folder.getFileSystem(hadoop);
      if (!fs.exists(new Path(folder, SUCCESS_MARKER))) {
        throw new IncompleteLandingException(
            "%s/%s/%s has no %s marker: the export for that day is missing or incomplete,"
                    .formatted(landingRoot, source, date, SUCCESS_MARKER)
                + " so nothing was written (rerun once it lands)");
      }
      List<String> files = new ArrayList<>();
      for (FileStatus status : fs.listStatus(folder)) {
        String name = status.getPath().getName();
        if (status.isFile() && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"))) {
          files.add(status.getPath().toString());
        }
      }
      files.sort(String::compareTo);
      return new Day(date, List.copyOf(files), manifestLines(fs, new Path(folder, MANIFEST)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The manifest's total line count, when the exporter wrote one. */
  private static OptionalLong manifestLines(FileSystem fs, Path manifest) throws IOException {
    if (!fs.exists(manifest)) {
      return OptionalLong.empty();
    }
    try (InputStream in = fs.open(manifest)) {
      JsonNode lines = JSON.readTree(in).path("lines");
      return lines.canConvertToLong() ? OptionalLong.of(lines.asLong()) : OptionalLong.empty();
    }
  }

  /** Raised before any write when a day of the requested range is not complete. */
  public static final class IncompleteLandingException extends RuntimeException {
    public IncompleteLandingException(String message) {
      super(message);
    }
  }
}
