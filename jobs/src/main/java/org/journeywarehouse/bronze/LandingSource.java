package org.journeywarehouse.bronze;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.TableDefinition;

/**
 * The parsing rules of one landing source; {@link LandingStaging} applies them the same way
 * for every source.
 *
 * @param name folder under the landing root, and {@code source} in quarantine
 * @param rawSchema raw fields, all strings (arrays of strings): typing is our own code
 * @param timestampFields fields that must carry an ISO-8601 offset and a real date when present
 * @param eventTimestampField decides the event date and lateness; null when rows are not events
 * @param versionField newest wins among rows with the same key in one delivery; null when
 *     records never change, so a second copy is a duplicate delivery
 * @param invalidValueField the name of the first field whose value has the wrong shape, or null
 * @param emailField raw field hashed into quarantine so erasure reaches it; may be null
 * @param phoneField likewise for a phone; may be null
 * @param toBronze types valid, deduplicated raw rows into the bronze table's columns
 */
record LandingSource(
    String name,
    TableDefinition table,
    StructType rawSchema,
    List<String> requiredFields,
    List<String> timestampFields,
    String eventTimestampField,
    List<String> naturalKey,
    String versionField,
    Column invalidValueField,
    String emailField,
    String phoneField,
    BiFunction<Dataset<Row>, StagingRules, Dataset<Row>> toBronze) {

  LandingSource {
    requiredFields = List.copyOf(requiredFields);
    timestampFields = List.copyOf(timestampFields);
    naturalKey = List.copyOf(naturalKey);
  }
}
