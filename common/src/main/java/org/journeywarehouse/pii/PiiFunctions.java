package org.journeywarehouse.pii;

import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.journeywarehouse.spark.Whitespace;

/**
 * Column functions that turn raw emails and phones into keyed hashes. Normalization is done
 * first, so "  Jane.Doe@Example.com\u00a0" and "jane.doe@example.com" hash alike. The hash is a
 * named Java UDF because Spark 3.5 has no HMAC and a built-in composition would put the key in
 * the query plan.
 */
public final class PiiFunctions {
  public static final String HMAC_UDF = "journey_pii_hmac";
  public static final String PHONE_UDF = "journey_normalize_phone";


  private static final String EMAIL_SHAPE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  private PiiFunctions() {}

  /** Registers the hashing and phone UDFs under their names and installs the key. */
  public static void register(SparkSession spark, PiiKey key) {
    ExecutorPiiKey.install(key);
    spark.udf().register(HMAC_UDF, (UDF1<String, String>) PiiFunctions::hmac, DataTypes.StringType);
    spark
        .udf()
        .register(
            PHONE_UDF,
            (UDF2<String, String, String>) PhoneNumbers::toE164,
            DataTypes.StringType);
  }

  private static String hmac(String normalized) {
    return normalized == null ? null : Hmac.sha256Hex(ExecutorPiiKey.get(), normalized);
  }

  /** Trimmed of every kind of white space and lower-cased; null unless it looks like an email. */
  public static Column normalizedEmail(Column raw) {
    Column cleaned = lower(regexp_replace(raw, Whitespace.EDGES, ""));
    return when(cleaned.rlike(EMAIL_SHAPE), cleaned);
  }

  /** E.164 form ("+447700900123"), reading national numbers in the given region; else null. */
  public static Column normalizedPhone(Column raw, String defaultRegion) {
    return call_udf(PHONE_UDF, raw, lit(defaultRegion));
  }

  /** HMAC-SHA256 hex of an already normalized identifier; null stays null. */
  public static Column hashed(Column normalized) {
    return call_udf(HMAC_UDF, normalized);
  }

  public static Column emailHash(Column raw) {
    return hashed(normalizedEmail(raw));
  }

  public static Column phoneHash(Column raw, String defaultRegion) {
    return hashed(normalizedPhone(raw, defaultRegion));
  }
}
