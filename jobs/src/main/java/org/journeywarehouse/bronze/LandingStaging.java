package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiRedaction;
import org.journeywarehouse.spark.Whitespace;

/**
 * Classifies every landing line of a source as ok, quarantined (with a reason), duplicate or
 * blank, in one pass. Pure: lines in ({@code value, source_file, landing_date}), classified
 * lines out; the job decides where each kind goes.
 */
final class LandingStaging {
  static final String STATUS = "_status";
  static final String REASON = "_reason";
  static final String DETAIL = "_detail";
  static final String OK = "ok";
  static final String QUARANTINED = "quarantined";
  static final String DUPLICATE = "duplicate";
  static final String BLANK = "blank";

  private static final String CORRUPT = "_corrupt_record";
  private static final String OFFSET = ".*(Z|[+-]\\d{2}(:?\\d{2})?)$";
  /** Per-check columns, each computed once per line and read by reason, detail and status. */
  private static final List<String> CHECKS =
      List.of("_malformed", "_missing", "_no_offset", "_bad_timestamp", "_bad_value", "_too_late");

  private LandingStaging() {}

  /** Every line with its status, reason and detail, plus the raw fields of parseable lines. */
  static Dataset<Row> classify(Dataset<Row> lines, LandingSource source, StagingRules rules) {
    StructType schema = source.rawSchema().add(CORRUPT, DataTypes.StringType);
    Column parsed =
        from_json(col("value"), schema, Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT));
    List<Column> fields = new ArrayList<>(List.of(col("value"), col("source_file"), col("landing_date")));
    for (String field : source.rawSchema().fieldNames()) {
      fields.add(col("_parsed").getField(field).as(field));
    }
    fields.add(col("value").rlike(Whitespace.ONLY).as("_blank"));
    fields.add(
        col("_parsed").isNull()
            .or(col("_parsed").getField(CORRUPT).isNotNull())
            .or(col("value").rlike("^" + Whitespace.CHARACTER + "*\\{").unary_$bang())
            .as("_malformed"));
    return lines
        .withColumn("_parsed", parsed)
        .select(fields.toArray(Column[]::new))
        .withColumns(checks(source, rules))
        .withColumn(REASON, reason())
        .withColumn(DETAIL, detail(source))
        .withColumn(STATUS, when(col("_blank"), lit(BLANK)).when(col(REASON).isNotNull(), lit(QUARANTINED)).otherwise(lit(OK)))
        .drop(CHECKS.toArray(String[]::new))
        .drop("_blank")
        .transform(rows -> markDuplicates(rows, source));
  }

  private static Map<String, Column> checks(LandingSource source, StagingRules rules) {
    return Map.of(
        "_missing", firstField(source.requiredFields(), f -> col(f).isNull().or(col(f).rlike(Whitespace.ONLY))),
        "_no_offset", firstField(source.timestampFields(), f -> col(f).isNotNull().and(col(f).rlike(OFFSET).unary_$bang())),
        "_bad_timestamp", firstField(source.timestampFields(), f -> col(f).isNotNull().and(Timestamps.parse(col(f)).isNull())),
        "_bad_value", source.invalidValueField(),
        "_too_late", tooLate(source, rules));
  }

  /** The first reason that applies, in {@link QuarantineReason} order; null for blank or ok. */
  private static Column reason() {
    return when(col("_blank"), lit(null).cast(DataTypes.StringType))
        .when(col("_malformed"), code(QuarantineReason.MALFORMED_JSON))
        .when(col("_missing").isNotNull(), code(QuarantineReason.MISSING_REQUIRED_FIELD))
        .when(col("_no_offset").isNotNull(), code(QuarantineReason.TIMESTAMP_WITHOUT_OFFSET))
        .when(col("_bad_timestamp").isNotNull(), code(QuarantineReason.INVALID_TIMESTAMP))
        .when(col("_bad_value").isNotNull(), code(QuarantineReason.INVALID_VALUE))
        .when(col("_too_late"), code(QuarantineReason.TOO_LATE));
  }

  /** The field behind the reason, when one field is to blame. */
  private static Column detail(LandingSource source) {
    return when(col(REASON).equalTo(code(QuarantineReason.MISSING_REQUIRED_FIELD)), col("_missing"))
        .when(col(REASON).equalTo(code(QuarantineReason.TIMESTAMP_WITHOUT_OFFSET)), col("_no_offset"))
        .when(col(REASON).equalTo(code(QuarantineReason.INVALID_TIMESTAMP)), col("_bad_timestamp"))
        .when(col(REASON).equalTo(code(QuarantineReason.INVALID_VALUE)), col("_bad_value"))
        .when(col(REASON).equalTo(code(QuarantineReason.TOO_LATE)), lit(source.eventTimestampField()).cast(DataTypes.StringType));
  }

  /**
   * Among ok rows of one delivery day, the newest version of each key wins; ties go to the
   * first file, then the smaller line, so reruns always keep the same row. (Lines are only
   * compared when key, version and file are equal, which is rare.)
   */
  private static Dataset<Row> markDuplicates(Dataset<Row> rows, LandingSource source) {
    List<Column> keys = new ArrayList<>(List.of(col("landing_date"), col(STATUS)));
    source.naturalKey().forEach(k -> keys.add(col(k)));
    List<Column> order = new ArrayList<>();
    if (source.versionField() != null) {
      order.add(Timestamps.parse(col(source.versionField())).desc_nulls_last());
    }
    order.addAll(List.of(col("source_file").asc(), col("value").asc()));
    Column rank = row_number().over(Window.partitionBy(keys.toArray(Column[]::new)).orderBy(order.toArray(Column[]::new)));
    return rows.withColumn(
        STATUS, when(col(STATUS).equalTo(OK).and(rank.gt(1)), lit(DUPLICATE)).otherwise(col(STATUS)));
  }

  /** Quarantined lines in the quarantine table's shape, PII redacted and hashed. */
  static Dataset<Row> quarantineRows(Dataset<Row> classified, LandingSource source, StagingRules rules) {
    Column email = source.emailField() == null ? lit(null) : PiiFunctions.emailHash(col(source.emailField()));
    Column phone =
        source.phoneField() == null
            ? lit(null)
            : PiiFunctions.phoneHash(col(source.phoneField()), rules.defaultPhoneRegion());
    return classified
        .where(col(STATUS).equalTo(QUARANTINED))
        .select(
            lit(source.name()).as("source"),
            col(REASON).as("reason"),
            col(DETAIL).as("detail"),
            PiiRedaction.redactedLine(col("value")).as("raw_line_redacted"),
            email.cast(DataTypes.StringType).as("email_hash"),
            phone.cast(DataTypes.StringType).as("phone_hash"),
            sha2(col("value"), 256).as("line_hash"),
            col("source_file"),
            col("landing_date"));
  }

  /** Ok lines typed into the bronze table. */
  static Dataset<Row> bronzeRows(Dataset<Row> classified, LandingSource source, StagingRules rules) {
    return source.toBronze().apply(classified.where(col(STATUS).equalTo(OK)), rules);
  }

  private static Column tooLate(LandingSource source, StagingRules rules) {
    if (source.eventTimestampField() == null) {
      return lit(false);
    }
    Column eventDate = Timestamps.reportingDate(Timestamps.parse(col(source.eventTimestampField())), rules.reportingZone());
    return datediff(col("landing_date"), eventDate).gt(rules.maxLatenessDays());
  }

  /** The name of the first field for which the test holds, or null. */
  private static Column firstField(List<String> fields, Function<String, Column> test) {
    return Values.firstFailing(fields, fields.stream().map(test).toList());
  }

  private static Column code(QuarantineReason reason) {
    return lit(reason.code());
  }
}
