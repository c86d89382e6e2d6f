package org.journeywarehouse.pii;

import static org.apache.spark.sql.functions.regexp_replace;

import org.apache.spark.sql.Column;

/**
 * Removes emails and phone numbers from raw text before it is stored, e.g. the raw line of a
 * quarantined record or a ticket subject. Field-aware first (the value of any JSON key naming
 * an email or phone, even in a line cut short), then any email-shaped token as a backstop.
 */
public final class PiiRedaction {
  public static final String REDACTED = "<redacted>";

  /** A JSON string value of a key containing "email" or "phone", closed or cut off by the line end. */
  private static final String PII_FIELD =
      "(\"[A-Za-z_]*(?:email|phone)[A-Za-z_]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)";
  /** Same key with an unquoted value (a number or a bare token in a malformed line). */
  private static final String PII_FIELD_UNQUOTED =
      "(\"[A-Za-z_]*(?:email|phone)[A-Za-z_]*\"\\s*:\\s*)(?!null\\b)[^\"\\s,}][^,}]*";
  private static final String EMAIL_TOKEN = "[^\\s\"'<>,;:(){}\\[\\]]+@[^\\s\"'<>,;:(){}\\[\\]]+";
  /** Seven or more digits, optionally grouped: phone-like, but not dates or times. */
  private static final String PHONE_TOKEN = "\\+?\\(?\\d{2,4}\\)?(?:[ .]?\\d{2,4}){2,4}";

  private PiiRedaction() {}

  /** A raw landing line with every email and phone value replaced by {@value #REDACTED}. */
  public static Column redactedLine(Column raw) {
    Column fields = regexp_replace(raw, PII_FIELD, "$1\"" + REDACTED + "\"");
    Column bare = regexp_replace(fields, PII_FIELD_UNQUOTED, "$1\"" + REDACTED + "\"");
    return regexp_replace(bare, EMAIL_TOKEN, REDACTED);
  }

  /** Free text (ticket subjects, survey comments) with emails and phone numbers replaced. */
  public static Column redactedText(Column text) {
    return regexp_replace(regexp_replace(text, EMAIL_TOKEN, REDACTED), PHONE_TOKEN, REDACTED);
  }
}
