package org.journeywarehouse.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.journeywarehouse.pii.PiiFunctions;
import org.journeywarehouse.pii.PiiRedaction;

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
  private static final String PARSED = "_parsed";
  private static final String OFFSET = ".*(Z|[+-]\\d{2}(:?\\d{2})?)$";

  private LandingStaging() {}

  /** Every line with its status, reason and detail, plus the raw fields of parseable lines. */
  static Dataset<Row> classify(Dataset<Row> lines, LandingSource source, StagingRules rules) {
    StructType schema = source.rawSchema().add(CORRUPT, DataTypes.StringType);
    Dataset<Row> parsed =
        lines.withColumn(
            PARSED,
            from_json(
                col("value"),
                schema,
                Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT)));
    List<Column> columns = new ArrayList<>(List.of(col("value"), col("source_file"), col("landing_date")));
    for (String field : source.rawSchema().fieldNames()) {
      columns.add(col(PARSED).getField(field).as(field));
    }
    columns.add(isMalformed().as("_malformed"));
    Dataset<Row> fields = parsed.select(columns.toArray(Column[]::new));
    return fields
        .withColumn(REASON, reason(source, rules))
        .withColumn(DETAIL, detail(source))
        .withColumn(STATUS, status())
        .drop("_malformed")
        .transform(rows -> markDuplicates(rows, source));
  }

  private static Column isMalformed() {
    Column trimmed = regexp_replace(col("value"), PiiFunctions.EDGE_WHITESPACE_PATTERN, "");
    return col(PARSED).isNull()
        .or(col(PARSED).getField(CORRUPT).isNotNull())
        .or(trimmed.startsWith("{").unary_$bang());
  }

  private static Column isBlank() {
    return regexp_replace(col("value"), PiiFunctions.EDGE_WHITESPACE_PATTERN, "").equalTo("");
  }

  private static Column reason(LandingSource source, StagingRules rules) {
    return when(isBlank(), lit(null).cast(DataTypes.StringType))
        .when(col("_malformed"), code(QuarantineReason.MALFORMED_JSON))
        .when(firstMissing(source).isNotNull(), code(QuarantineReason.MISSING_REQUIRED_FIELD))
        .when(firstWithoutOffset(source).isNotNull(), code(QuarantineReason.TIMESTAMP_WITHOUT_OFFSET))
        .when(firstInvalidTimestamp(source).isNotNull(), code(QuarantineReason.INVALID_TIMESTAMP))
        .when(source.invalidValueField().isNotNull(), code(QuarantineReason.INVALID_VALUE))
        .when(tooLate(source, rules), code(QuarantineReason.TOO_LATE));
  }

  private static Column detail(LandingSource source) {
    return when(col(REASON).equalTo(code(QuarantineReason.MISSING_REQUIRED_FIELD)), firstMissing(source))
        .when(col(REASON).equalTo(code(QuarantineReason.TIMESTAMP_WITHOUT_OFFSET)), firstWithoutOffset(source))
        .when(col(REASON).equalTo(code(QuarantineReason.INVALID_TIMESTAMP)), firstInvalidTimestamp(source))
        .when(col(REASON).equalTo(code(QuarantineReason.INVALID_VALUE)), source.invalidValueField())
        .when(col(REASON).equalTo(code(QuarantineReason.TOO_LATE)), lit(source.eventTimestampField()).cast(DataTypes.StringType));
  }

  private static Column status() {
    return when(isBlank(), lit(BLANK)).when(col(REASON).isNotNull(), lit(QUARANTINED)).otherwise(lit(OK));
  }

  /** Among ok rows of one delivery day, the newest version of each key wins; ties by file and text. */
  private static Dataset<Row> markDuplicates(Dataset<Row> rows, LandingSource source) {
    List<Column> keys = new ArrayList<>(List.of(col("landing_date"), col(STATUS)));
    source.naturalKey().forEach(k -> keys.add(col(k)));
    List<Column> order = new ArrayList<>();
    if (source.versionField() != null) {
      order.add(Timestamps.parse(col(source.versionField())).desc_nulls_last());
    }
    order.add(col("source_file").asc());
    order.add(col("value").asc());
    WindowSpec newestFirst =
        Window.partitionBy(keys.toArray(Column[]::new)).orderBy(order.toArray(Column[]::new));
    Column rank = row_number().over(newestFirst);
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
    return source.toBronze(classified.where(col(STATUS).equalTo(OK)), rules);
  }

  private static Column firstMissing(LandingSource source) {
    return firstField(source.requiredFields(), f -> col(f).isNull().or(regexp_replace(col(f), PiiFunctions.EDGE_WHITESPACE_PATTERN, "").equalTo("")));
  }

  private static Column firstWithoutOffset(LandingSource source) {
    return firstField(source.timestampFields(), f -> col(f).isNotNull().and(col(f).rlike(OFFSET).unary_$bang()));
  }

  private static Column firstInvalidTimestamp(LandingSource source) {
    return firstField(source.timestampFields(), f -> col(f).isNotNull().and(Timestamps.parse(col(f)).isNull()));
  }

  private static Column tooLate(LandingSource source, StagingRules rules) {
    if (source.eventTimestampField() == null) {
      return lit(false);
    }
    Column eventDate = Timestamps.reportingDate(Timestamps.parse(col(source.eventTimestampField())), rules.reportingZone());
    return datediff(col("landing_date"), eventDate).gt(rules.maxLatenessDays());
  }

  /** The name of the first field for which the test holds, or null. */
  static Column firstField(List<String> fields, java.util.function.Function<String, Column> test) {
    return Values.firstFailing(fields, fields.stream().map(test).toList());
  }

  private static Column code(QuarantineReason reason) {
    return lit(reason.code());
  }
}
