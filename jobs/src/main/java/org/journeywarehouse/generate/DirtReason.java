package org.journeywarehouse.generate;

/**
 * The one defect a dirty line carries. The codes are a contract with ingestion, which quarantines
 * the line under the same code.
 */
enum DirtReason {
  MALFORMED_JSON("malformed_json"),
  MISSING_REQUIRED_FIELD("missing_required_field"),
  TIMESTAMP_WITHOUT_OFFSET("timestamp_without_offset"),
  INVALID_TIMESTAMP("invalid_timestamp"),
  INVALID_VALUE("invalid_value");

  private final String code;

  DirtReason(String code) {
    this.code = code;
  }

  /** The reason as ingestion names it, e.g. {@code missing_required_field}. */
  String code() {
    return code;
  }
}
