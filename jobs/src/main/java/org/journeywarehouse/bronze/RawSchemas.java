package org.journeywarehouse.bronze;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Raw landing schemas: every field a string, so typing and its failures are ours to handle. */
final class RawSchemas {
  private RawSchemas() {}

  static StructType strings(String... fields) {
    StructType schema = new StructType();
    for (String field : fields) {
      schema = schema.add(field, DataTypes.StringType);
    }
    return schema;
  }
}
