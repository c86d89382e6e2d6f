package org.journeywarehouse.generate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generator run wrote. Sessions and orders count those with at least one clean line inside
 * the landing window, the same entities listed in {@code _ground_truth/records.csv.gz}.
 *
 * @param people people simulated (round(100,000 x scale))
 * @param sessions web sessions with at least one clean event delivered
 * @param orders orders with at least one clean version delivered
 * @param linesBySource physical lines written per source folder name, sorted by name
 * @param groundTruthDir the {@code _ground_truth} folder beside the data
 */
public record GenerationSummary(
    long people, long sessions, long orders, Map<String, Long> linesBySource, Path groundTruthDir) {

  public GenerationSummary {
    linesBySource = Collections.unmodifiableMap(new TreeMap<>(linesBySource));
  }
}
