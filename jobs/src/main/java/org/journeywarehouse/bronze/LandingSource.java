package org.journeywarehouse.bronze;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.catalog.TableDefinition;

/**
 * The parsing rules of one landing source: its raw fields, which are required, which are
 * timestamps, its natural key and version, its value checks, and how valid rows are typed into
 * the bronze table. {@link LandingStaging} applies them the same way for every source.
 */
interface LandingSource {
  /** Folder name under the landing root and {@code source} in quarantine. */
  String name();

  TableDefinition table();

  /** Raw fields, all read as strings (arrays as arrays of strings): typing is our own code. */
  StructType rawSchema();

  List<String> requiredFields();

  /** Fields that must carry an ISO-8601 offset and a real date when present. */
  List<String> timestampFields();

  /** The timestamp that decides the event date and lateness. */
  String eventTimestampField();

  List<String> naturalKey();

  /** Newest wins among rows with the same key in one delivery; null when records never change. */
  String versionField();

  /** Name of the first field whose value has the wrong shape, or null when all are fine. */
  Column invalidValueField();

  /** Raw fields holding an email or a phone, hashed into quarantine so erasure reaches it. */
  String emailField();

  String phoneField();

  /** Valid, deduplicated raw rows typed into the bronze table's columns. */
  Dataset<Row> toBronze(Dataset<Row> valid, StagingRules rules);
}
