package org.journeywarehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads the generator's {@code _ground_truth/dirt.json}: what was planted per source and day. */
public final class GroundTruth {
  private final JsonNode dirt;

  private GroundTruth(JsonNode dirt) {
    this.dirt = dirt;
  }

  public static GroundTruth read(Path landing) {
    try {
      return new GroundTruth(new ObjectMapper().readTree(landing.resolve("_ground_truth/dirt.json").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** (source, day, reason) -> planted count, zero counts left out. */
  public Map<String, Long> quarantinedBySourceDayReason() {
    Map<String, Long> counts = new TreeMap<>();
    forEachDay((source, day, node) -> {
      Iterator<Map.Entry<String, JsonNode>> reasons = node.path("quarantined").fields();
      while (reasons.hasNext()) {
        Map.Entry<String, JsonNode> reason = reasons.next();
        if (reason.getValue().asLong() > 0) {
          counts.put(source + "|" + day + "|" + reason.getKey(), reason.getValue().asLong());
        }
      }
    });
    return counts;
  }

  /** (source, day) -> one field of the day's entry (lines, blank_lines, duplicates, rows_kept, late_rows). */
  public Map<String, Long> perDay(String field) {
    Map<String, Long> counts = new TreeMap<>();
    forEachDay((source, day, node) -> counts.put(source + "|" + day, node.path(field).asLong()));
    return counts;
  }

  private interface DayVisitor {
    void visit(String source, String day, JsonNode node);
  }

  private void forEachDay(DayVisitor visitor) {
    Iterator<Map.Entry<String, JsonNode>> sources = dirt.path("sources").fields();
    while (sources.hasNext()) {
      Map.Entry<String, JsonNode> source = sources.next();
      Iterator<Map.Entry<String, JsonNode>> days = source.getValue().fields();
      while (days.hasNext()) {
        Map.Entry<String, JsonNode> day = days.next();
        visitor.visit(source.getKey(), day.getKey(), day.getValue());
      }
    }
  }
}
